using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;

namespace TrustAgain.Web.Security;

// Razor Pages answer a missing or foreign antiforgery token with 400 on their own; this records it.
public sealed class AntiforgeryFailureLogger(SecurityEvents events) : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is IAntiforgeryValidationFailedResult)
        {
            events.AntiforgeryFailed(context.HttpContext.Request.Path.Value);
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
