using TrustAgain.Web.TimeZones;
using TrustAgain.Web.Content;
using TrustAgain.Web.Data;
using TrustAgain.Web.Pages.Journal;
using TrustAgain.Web.Security;

namespace TrustAgain.Web.Pages;

public static class PagesSetup
{
    // Lower-case URLs, everything personal behind sign-in, the filters every page shares, the queries that live
    // beside their page, and output caching for public pages.
    public static void AddPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddRouting(routing => routing.LowercaseUrls = true);
        builder.Services.AddRazorPages(pages =>
        {
            pages.Conventions.AuthorizeFolder("/Journeys");
            pages.Conventions.AuthorizeFolder("/Journal");
            pages.Conventions.AuthorizeFolder("/Commitments");
            pages.Conventions.AuthorizeFolder("/Insights");
            pages.Conventions.AuthorizeFolder("/Together");
            pages.Conventions.AuthorizeFolder("/Account/Manage");
        }).AddMvcOptions(mvc =>
        {
            mvc.Filters.Add<AntiforgeryFailureLogger>();
            // A save that fails on storage (disk full, read-only, I/O error) shows its page again with the text kept.
            mvc.Filters.Add<StorageFailureFilter>();
            // Each person's times in their own zone: read once before the page runs.
            mvc.Filters.Add<PersonClockFilter>();
        });
        builder.Services.AddScoped<CounsellorSummaries>();
        builder.Services.AddScoped<Together.TogetherStatus>();

        // Public pages are rendered once, then served from memory to visitors. The policy never serves or stores a
        // page for a request that carries a session cookie (see PublicPagePolicy).
        builder.Services.AddOutputCache(cache =>
            cache.AddPolicy(PublicPagePolicy.Name, policy => policy.AddPolicy<PublicPagePolicy>(), excludeDefaultPolicy: true));
    }

    public static void MapPages(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
    }
}
