using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustAgain.Web.Content;
using TrustAgain.Web.Data;

namespace TrustAgain.Tests.Security;

// A file to import is hostile input like any form: it is held to what the forms allow, against the guide, and
// imported once however many times it is sent at once.
public sealed class ImportValidationTests : IDisposable
{
    private readonly TestApp _app = new(settings: new Dictionary<string, string> { ["TrustAgain:RateLimits:ExpensiveRequestsPerMinute"] = "1000" });

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("1969-12-31T23:00:00Z", "before 1970 or in the future")]
    [InlineData("9999-12-31T00:00:00Z", "before 1970 or in the future")]
    public async Task ADateNoFormCouldMakeIsRefusedAndNothingIsRestored(string date, string reason)
    {
        var client = await _app.RegisteredClientAsync();
        var export = Export();
        export["reflections"]![0]!["createdAt"] = date;

        var response = await ImportAsync(client, export);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(reason, (await response.ParseAsync()).Text());
        Assert.Equal(0, await CountAsync(db => db.Reflections.CountAsync()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/journal")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/insights")).StatusCode);
    }

    [Fact]
    public async Task TextLongerThanTheFormsAllowIsRefused()
    {
        var client = await _app.RegisteredClientAsync();
        var export = Export();
        export["reflections"]![0]!["text"] = new string('x', 20_001);

        var response = await ImportAsync(client, export);

        Assert.Contains("longer than 20,000 characters", (await response.ParseAsync()).Text());
        Assert.Equal(0, await CountAsync(db => db.Reflections.CountAsync()));
    }

    [Fact]
    public async Task StepsPromptsAndJourneysTheGuideDoesNotHaveAreNeverStored()
    {
        var client = await _app.RegisteredClientAsync();
        var guide = _app.Services.GetRequiredService<GuideLibrary>();
        var step = guide.FindStep("acknowledge-the-breach")!;
        var export = Export();
        export["reflections"] = new JsonArray(
            Reflection("acknowledge-the-breach", "A private question written into the prompt field"),
            Reflection("acknowledge-the-breach", step.Prompts[0]),
            Reflection("a private step key", null));
        export["commitments"] = new JsonArray(new JsonObject
        {
            ["wording"] = "We will talk on Sundays.", ["journeyKey"] = "a private journey key", ["stepKey"] = "another private key",
            ["createdAt"] = "2026-11-20T10:00:00Z", ["log"] = new JsonArray(),
        });

        var response = await ImportAsync(client, export);

        Assert.Contains("Restored", (await response.ParseAsync()).Text());
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal([null, step.Prompts[0]], (await db.Reflections.Select(r => r.Prompt).ToListAsync()).OrderBy(p => p ?? ""));
        Assert.All(await db.Reflections.Select(r => r.StepKey).ToListAsync(), key => Assert.Equal("acknowledge-the-breach", key));
        var commitment = await db.Commitments.SingleAsync();
        Assert.Null(commitment.JourneyKey);
        Assert.Null(commitment.StepKey);
    }

    [Fact]
    public async Task FourImportsAtOnceIntoAnEmptyAccountRestoreOnce()
    {
        var client = await _app.RegisteredClientAsync();
        var forms = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => FormAsync(client, Export())));

        var responses = await Task.WhenAll(forms.Select(form => client.PostAsync("/journal/import", form)));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        var texts = await Task.WhenAll(responses.Select(async r => (await r.ParseAsync()).Text()));
        Assert.Single(texts, text => text.Contains("Restored", StringComparison.Ordinal));
        Assert.Equal(3, texts.Count(text => text.Contains("restores into an empty account", StringComparison.Ordinal)));
        Assert.Equal(1, await CountAsync(db => db.Reflections.CountAsync()));
    }

    private static JsonObject Export() => new()
    {
        ["format"] = "trustagain-journal", ["version"] = 2, ["exportedAt"] = "2026-11-25T18:00:00Z",
        ["progress"] = new JsonArray(),
        ["reflections"] = new JsonArray(Reflection("acknowledge-the-breach", null)),
    };

    private static JsonObject Reflection(string stepKey, string? prompt) => new()
    {
        ["stepKey"] = stepKey, ["prompt"] = prompt, ["text"] = "What happened, in my own words.",
        ["createdAt"] = "2026-11-20T10:00:00Z", ["updatedAt"] = "2026-11-20T10:00:00Z",
    };

    private async Task<int> CountAsync(Func<AppDbContext, Task<int>> count)
    {
        using var scope = _app.Services.CreateScope();
        return await count(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, JsonObject export) =>
        await client.PostAsync("/journal/import", await FormAsync(client, export));

    private static async Task<MultipartFormDataContent> FormAsync(HttpClient client, JsonObject export)
    {
        var page = await client.GetPageAsync("/journal/import");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(export.ToJsonString(), Encoding.UTF8), "file", "trustagain-journal.json" },
        };
    }
}
