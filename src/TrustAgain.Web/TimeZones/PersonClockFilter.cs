using Microsoft.AspNetCore.Mvc.Filters;
using TrustAgain.Web.Accounts;

namespace TrustAgain.Web.TimeZones;

// Reads the signed-in person's time zone before a page runs, so the page and its view show their local times.
public sealed class PersonClockFilter(PersonClock clock) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        await clock.LoadAsync(context.HttpContext.User.UserId());
        await next();
    }
}
