using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace TrustAgain.Web.Content;

// Public pages (home, guide, safety) are rendered once and then served from memory to visitors.
//
// The cache runs before authentication in the pipeline, so a visitor's request for a cached page skips the
// session lookup and everything after it. That is only safe because this policy decides by the request alone:
// a request that carries a session cookie (valid or not) is never answered from the cache and never stored in
// it, so a signed-in person always gets a page rendered for them, and a page rendered for them is never kept.
public sealed class PublicPagePolicy(IOptionsMonitor<CookieAuthenticationOptions> cookies) : IOutputCachePolicy
{
    public const string Name = "PublicPage";

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        var sessionCookie = cookies.Get(IdentityConstants.ApplicationScheme).Cookie.Name!;
        var visitorRead = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.Headers.ContainsKey(HeaderNames.Authorization)
            && !request.Cookies.ContainsKey(sessionCookie);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = visitorRead;
        context.AllowCacheStorage = visitorRead;
        // No request coalescing: a public page renders from the guide already held in memory, so a few visitors
        // rendering it at once after it expires cost less than every cache hit taking a shared lock.
        context.AllowLocking = false;
        context.ResponseExpirationTimeSpan = Lifetime;
        context.CacheVaryByRules.QueryKeys = "*";
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    // Only a plain successful page that sets no cookie is worth keeping (the framework's default rule).
    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }
}
