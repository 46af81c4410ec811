using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace TrustAgain.Web.Security;

// With secure cookies (the default outside Development) nothing works over plain HTTP: the browser would not send
// the cookies back, and antiforgery refuses to issue its cookie at all, which used to be a 500 with a stack trace on
// every page with a form. A plain-HTTP request gets a clear page instead (health checks still answer, for load
// balancers that probe over HTTP), and start-up warns when the server has no HTTPS address and does not trust
// a proxy's forwarded scheme.
public static class PlainHttpRefusal
{
    private const string Explanation =
        "This TrustAgain server answers only over HTTPS. If it runs behind a proxy that handles HTTPS, the server must be told: " +
        "set ASPNETCORE_FORWARDEDHEADERS_ENABLED=true (and have the proxy send X-Forwarded-Proto). " +
        "For a plain-HTTP test set-up only, set TrustAgain__SecureCookies=false.";

    public static IApplicationBuilder UsePlainHttpRefusal(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<TrustAgainOptions>>().Value.SecureCookiesIn(app.Environment))
        {
            return app;
        }
        app.Lifetime.ApplicationStarted.Register(() => WarnWithoutHttps(app));
        return app.Use(async (context, next) =>
        {
            if (context.Request.IsHttps || context.Request.Path.StartsWithSegments("/healthz") || context.Request.Path.StartsWithSegments("/readyz"))
            {
                await next();
                return;
            }
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>HTTPS needed · TrustAgain</title></head>" +
                $"<body><main><h1>This page needs a secure connection</h1><p>{WebUtility.HtmlEncode(Explanation)}</p></main></body></html>");
        });
    }

    private static void WarnWithoutHttps(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        if (!addresses.Any(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            && !app.Configuration.GetValue("FORWARDEDHEADERS_ENABLED", false))
        {
            app.Logger.LogWarning("Plain HTTP requests are refused: {Explanation}", Explanation);
        }
    }
}
