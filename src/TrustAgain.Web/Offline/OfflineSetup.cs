using Microsoft.Extensions.Options;

namespace TrustAgain.Web.Offline;

public static class OfflineSetup
{
    // The installed name (TrustAgain__Install__Name, __ShortName) and what is kept for reading offline.
    public static void AddOffline(this WebApplicationBuilder builder)
    {
        builder.AddSettings<InstallOptions>(InstallOptions.SectionName);
        builder.Services.AddSingleton<OfflineCopy>();
    }

    // The manifest, and the service worker at the root so that its scope is the whole site. Both are checked for
    // changes on every visit (no-cache), so a new name or a new version reaches browsers at once.
    public static void MapOffline(this WebApplication app)
    {
        app.MapGet("/manifest.webmanifest", (HttpContext context, IOptions<InstallOptions> install) =>
        {
            context.Response.Headers.CacheControl = "no-cache";
            return Results.Text(WebManifest.For(install.Value).ToJson(), WebManifest.ContentType);
        });
        app.MapGet("/service-worker.js", (HttpContext context, OfflineCopy copy) =>
        {
            context.Response.Headers.CacheControl = "no-cache";
            return Results.Text(copy.ServiceWorkerScript, "text/javascript; charset=utf-8");
        });
    }
}
