using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;

namespace TrustAgain.Web.Security;

// Razor Pages answer a missing or foreign antiforgery token with 400 on their own; this records it. A client that
// went away before its form could be read fails the same check, but that is a dropped connection, not a forged
// form, so it is not reported as one.
public sealed class AntiforgeryFailureLogger(SecurityEvents events) : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is IAntiforgeryValidationFailedResult && !context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            events.AntiforgeryFailed(context.HttpContext.Request.Path.Value);
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
