using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using TrustAgain.Web.TimeZones;

namespace TrustAgain.Web.Journal.Archive;

public static class JournalExportEndpoints
{
    public static void MapJournalExport(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/journal").RequireAuthorization();

        // Times in both files are on the person's own clock, and each file is named with their today.
        exports.MapGet("/export.json", async (ClaimsPrincipal user, JournalArchive archive, PersonClock clock, HttpContext http) =>
        {
            await clock.LoadAsync(UserId(user));
            var export = await archive.ExportAsync(UserId(user));
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(clock, "json")}\"";
            return Results.Text(JsonSerializer.Serialize(export, JournalArchive.JsonIn(clock.Zone)), "application/json", Encoding.UTF8);
        });

        exports.MapGet("/export.md", async (ClaimsPrincipal user, JournalMarkdown markdown, PersonClock clock, HttpContext http) =>
        {
            await clock.LoadAsync(UserId(user));
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(clock, "md")}\"";
            return Results.Text(await markdown.ExportAsync(UserId(user)), "text/markdown", Encoding.UTF8);
        });
    }

    private static string FileName(PersonClock clock, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"trustagain-journal-{clock.Today:yyyy-MM-dd}.{extension}");

    private static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;
}
