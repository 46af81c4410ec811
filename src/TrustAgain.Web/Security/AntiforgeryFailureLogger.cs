using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;

namespace TrustAgain.Web.Security;

// Razor Pages answer a missing or foreign antiforgery token with 400 on their own; this records it. A client that
// went away before its form could be read fails the same check, but that is a dropped connection, not a forged
// form, so it is not reported as one. Whether the server has noticed the client leave yet (RequestAborted) is a
// race with a connection reset, so a form post whose form could not be read at all counts as dropped too.
public sealed class AntiforgeryFailureLogger(SecurityEvents events) : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is IAntiforgeryValidationFailedResult && !ClientWentAway(context.HttpContext))
        {
            events.AntiforgeryFailed(context.HttpContext.Request.Path.Value);
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }

    private static bool ClientWentAway(HttpContext http) =>
        http.RequestAborted.IsCancellationRequested
        || (http.Request.HasFormContentType && http.Features.Get<IFormFeature>()?.Form is null);
}
