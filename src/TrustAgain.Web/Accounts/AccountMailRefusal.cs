using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TrustAgain.Web.Accounts;

// A form that would mail a link while the server cannot be trusted to point links at itself (see Mailer) shows
// again, as typed, with 503 and the reason, instead of failing with a server error.
public sealed class AccountMailRefusal : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is AccountMailRefusedException && !executed.ExceptionHandled && executed.HandlerInstance is PageModel page)
        {
            page.ModelState.AddModelError("", AccountMailRefusedException.Reason);
            executed.Result = new PageResult { StatusCode = StatusCodes.Status503ServiceUnavailable };
            executed.ExceptionHandled = true;
        }
    }
}
