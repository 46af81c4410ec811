using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TrustAgain.Web.Data;

// When a form's handler fails because of the storage (see StorageFailure), the same page is shown again with 503:
// its bound input, and so everything the person typed, is still in the form, and the layout says that nothing was
// saved. One filter for every form, so a new form gets this without code of its own. Reading a page (GET) is left
// to the error page: there is no text to keep, and "could not save" would be wrong.
public sealed class StorageFailureFilter(StorageEvents events) : IAsyncPageFilter
{
    public const string ViewDataKey = "StorageFailed";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (HttpMethods.IsGet(context.HttpContext.Request.Method) || executed.Exception is null || executed.ExceptionHandled || StorageFailure.CodeOf(executed.Exception) is not { } code
            || executed.HandlerInstance is not PageModel page)
        {
            return;
        }
        events.SaveFailed(code, context.HttpContext.Request.Path.Value);
        page.ViewData[ViewDataKey] = true;
        executed.Result = new PageResult { StatusCode = StatusCodes.Status503ServiceUnavailable };
        executed.ExceptionHandled = true;
    }
}
