using System.Security.Claims;
using System.Text;
using System.Text.Json;

namespace TrustAgain.Web.Journal.Archive;

public static class JournalExportEndpoints
{
    public static void MapJournalExport(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/journal").RequireAuthorization();

        exports.MapGet("/export.json", async (ClaimsPrincipal user, JournalArchive archive, HttpContext http) =>
        {
            var export = await archive.ExportAsync(UserId(user));
            http.Response.Headers.ContentDisposition = "attachment; filename=\"trustagain-journal.json\"";
            return Results.Text(JsonSerializer.Serialize(export, JournalArchive.Json), "application/json", Encoding.UTF8);
        });

        exports.MapGet("/export.md", async (ClaimsPrincipal user, JournalMarkdown markdown, HttpContext http) =>
        {
            http.Response.Headers.ContentDisposition = "attachment; filename=\"trustagain-journal.md\"";
            return Results.Text(await markdown.ExportAsync(UserId(user)), "text/markdown", Encoding.UTF8);
        });
    }

    private static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;
}
