using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustAgain.Web.Data;
using TrustAgain.Web.Journal;
using TrustAgain.Web.Journal.Archive;

namespace TrustAgain.Tests.Pages.Journal;

public sealed class JournalTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TheJournalListsMyReflectionsNewestFirstAndPagesThroughThemAll()
    {
        var client = await _app.RegisteredClientAsync();
        var written = new List<string>();
        for (var i = 1; i <= 45; i++)
        {
            written.Add($"Entry number {i:00}");
            await client.WriteAsync(JourneySteps.FirstStep, written[^1]);
        }

        var seen = new List<string>();
        var url = "/journal";
        while (url is not null)
        {
            var page = await client.GetPageAsync(url);
            var texts = page.QuerySelectorAll(".reflection-text").Select(p => p.TextContent).ToList();
            Assert.InRange(texts.Count, 1, 20);
            seen.AddRange(texts);
            url = page.QuerySelector("a[rel=next]")?.GetAttribute("href")!;
        }

        Assert.Equal(Enumerable.Reverse(written), seen);
    }

    [Fact]
    public async Task SearchFindsAnOldReflectionAndOnlyMyOwn()
    {
        var mine = await _app.RegisteredClientAsync();
        var theirs = await _app.RegisteredClientAsync();
        await mine.WriteAsync(JourneySteps.FirstStep, "The day at the lighthouse changed things.");
        await mine.WriteAsync(JourneySteps.SecondStep, "Nothing to do with it.");
        await theirs.WriteAsync(JourneySteps.FirstStep, "Their own lighthouse memory.");

        var response = await mine.SubmitAsync("/journal", new Dictionary<string, string> { ["q"] = "LIGHTHOUSE" });
        var page = await response.ParseAsync();

        Assert.Equal(["The day at the lighthouse changed things."], page.QuerySelectorAll(".reflection-text").Select(p => p.TextContent));
        Assert.Equal("LIGHTHOUSE", page.QuerySelector("input#q")!.GetAttribute("value"));
    }

    [Fact]
    public async Task ASearchIsSentThenShownAtAnAddressThatHoldsNoWordsSoBackAndReloadWork()
    {
        var client = await _app.RegisteredClientAsync();
        await client.WriteAsync(JourneySteps.FirstStep, "The lighthouse again.");

        var sent = await client.SubmitAsync("/journal", new Dictionary<string, string> { ["q"] = "lighthouse", ["show"] = "journey:rebuilding-trust" });
        var shown = await client.GetAsync(sent.RequestMessage!.RequestUri);

        Assert.Equal(HttpMethod.Get, sent.RequestMessage.Method);
        Assert.Matches("^/journal\\?search=[0-9a-f]{32}$", sent.RequestMessage.RequestUri!.PathAndQuery);
        Assert.DoesNotContain("lighthouse", sent.RequestMessage.RequestUri.ToString(), StringComparison.OrdinalIgnoreCase);
        var again = await shown.ParseAsync();
        Assert.Equal(["The lighthouse again."], again.QuerySelectorAll(".reflection-text").Select(p => p.TextContent));
        Assert.Equal("journey:rebuilding-trust", again.QuerySelector("select#show option[selected]")!.GetAttribute("value"));
        Assert.DoesNotContain(_app.Logs.Lines, line => line.Contains("lighthouse", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ASearchIsKeptOnlyForItsOwnerAndOnlyUntilTheySignOut()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var mine = await _app.RegisteredClientAsync(email);
        await mine.WriteAsync(JourneySteps.FirstStep, "Private words about the lighthouse.");
        var results = (await mine.SubmitAsync("/journal", new Dictionary<string, string> { ["q"] = "lighthouse" })).RequestMessage!.RequestUri!.PathAndQuery;
        var theirs = await _app.RegisteredClientAsync();

        var forThem = await theirs.GetAsync(results);
        await mine.SubmitAsync("/account/sign-out", new Dictionary<string, string>());
        var mineAgain = await _app.SignedInClientAsync(email);
        var afterSignOut = await mineAgain.GetAsync(results);

        Assert.Equal(HttpStatusCode.NotFound, forThem.StatusCode);
        Assert.DoesNotContain("Private words", await forThem.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, afterSignOut.StatusCode);
        Assert.Contains("That search is no longer kept.", (await afterSignOut.ParseAsync()).Text());
        using var scope = _app.Services.CreateScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<AppDbContext>().JournalSearches.CountAsync());
    }

    [Fact]
    public async Task TheFilterNamesEachJourneyOnce()
    {
        var client = await _app.RegisteredClientAsync();

        var options = (await client.GetPageAsync("/journal")).QuerySelectorAll("select#show option").Select(o => o.TextContent).ToList();

        Assert.Equal(options.Count, options.Distinct().Count());
        Assert.Contains("Rebuilding trust", options);
        Assert.DoesNotContain("Rebuilding trust, step by step", options);
        Assert.Empty((await client.GetPageAsync("/journal")).QuerySelectorAll("select#show optgroup"));
    }

    [Fact]
    public async Task RestoringABackupIsOfferedBesideTheDownloadsAndFindsItsWayBack()
    {
        var client = await _app.RegisteredClientAsync();

        var journal = await client.GetPageAsync("/journal");
        var import = await client.GetPageAsync("/journal/import");

        Assert.Equal("Restore a backup", journal.QuerySelector("main .actions a[href='/journal/import']")!.TextContent);
        Assert.Equal("Journal", import.QuerySelector("nav.breadcrumbs a[href='/journal']")!.TextContent);
    }

    [Fact]
    public async Task TheJournalCanShowOneJourneyOnly()
    {
        var client = await _app.RegisteredClientAsync();
        await client.WriteAsync(JourneySteps.FirstStep, "On rebuilding.");
        await client.WriteAsync("/journeys/healing/acknowledge-the-pain", "On healing.");

        var page = await client.GetPageAsync("/journal?show=journey:healing");

        Assert.Equal(["On healing."], page.QuerySelectorAll(".reflection-text").Select(p => p.TextContent));
    }

    [Fact]
    public async Task SearchingThousandsOfEntriesStillPagesCorrectly()
    {
        var client = await _app.RegisteredClientAsync();
        await client.WriteAsync(JourneySteps.FirstStep, "seed");
        var userId = await UserIdAsync(client);
        using (var scope = _app.Services.CreateScope())
        {
            var journal = scope.ServiceProvider.GetRequiredService<ReflectionJournal>();
            for (var i = 0; i < 2_000; i++)
            {
                await journal.AddAsync(userId, "be-patient", null, i % 80 == 0 ? $"needle {i}" : $"hay {i}");
            }
        }

        var first = await (await client.SubmitAsync("/journal", new Dictionary<string, string> { ["q"] = "needle" })).ParseAsync();

        Assert.Equal(20, first.QuerySelectorAll(".reflection-text").Length);
        Assert.Equal("needle 1920", first.QuerySelector(".reflection-text")!.TextContent);
        var second = await client.GetPageAsync(first.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href")!);
        Assert.Equal(["needle 320", "needle 240", "needle 160", "needle 80", "needle 0"],
            second.QuerySelectorAll(".reflection-text").Select(p => p.TextContent));
        Assert.Null(second.QuerySelector("nav.pager"));
    }

    [Fact]
    public async Task ExportThenImportRestoresEverythingIntoAnEmptyAccount()
    {
        var original = await _app.RegisteredClientAsync();
        await original.WriteAsync(JourneySteps.FirstStep, "Line one.\nLine two — with “quotes” and 💔.");
        await original.WriteAsync("/journeys/healing/seek-support", "Called my sister.");
        await original.MarkDoneAsync(JourneySteps.FirstStep);
        var exported = await original.GetStringAsync("/journal/export.json");

        var restored = await _app.RegisteredClientAsync();
        var import = await restored.PostAsync("/journal/import", await ImportFormAsync(restored, exported));
        Assert.Contains("Restored 2 reflections, 1 completed step, 0 check-ins and 0 commitments.", (await import.ParseAsync()).Text());

        var before = JsonSerializer.Deserialize<JournalExport>(exported, JournalArchive.Json)!;
        var after = JsonSerializer.Deserialize<JournalExport>(await restored.GetStringAsync("/journal/export.json"), JournalArchive.Json)!;
        Assert.Equal(JournalExport.CurrentVersion, before.Version);
        Assert.Equal(before.Reflections, after.Reflections);
        Assert.Equal(before.Progress, after.Progress);
    }

    [Fact]
    public async Task ImportIntoAJournalThatHasEntriesIsRefusedAndChangesNothing()
    {
        var client = await _app.RegisteredClientAsync();
        await client.WriteAsync(JourneySteps.FirstStep, "Already here.");
        var exported = await client.GetStringAsync("/journal/export.json");

        var response = await client.PostAsync("/journal/import", await ImportFormAsync(client, exported));

        Assert.Contains("restores into an empty account", (await response.ParseAsync()).Text());
        Assert.Equal(["Already here."], await client.ReflectionTextsAsync("/journal"));
    }

    [Fact]
    public async Task AFileThatIsNotAnExportIsRefusedClearly()
    {
        var client = await _app.RegisteredClientAsync();

        var response = await client.PostAsync("/journal/import", await ImportFormAsync(client, "{ not json"));

        Assert.Contains("not a TrustAgain export", (await response.ParseAsync()).Text());
    }

    [Fact]
    public async Task TheMarkdownExportGroupsReflectionsByJourneyAndStep()
    {
        var client = await _app.RegisteredClientAsync();
        await client.WriteAsync(JourneySteps.FirstStep, "About the breach.");
        await client.MarkDoneAsync(JourneySteps.FirstStep);

        var response = await client.GetAsync("/journal/export.md");
        var markdown = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/markdown", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition!.ToString());
        var journey = markdown.IndexOf("## Rebuilding trust", StringComparison.Ordinal);
        var step = markdown.IndexOf("### Acknowledge what happened (done)", StringComparison.Ordinal);
        var text = markdown.IndexOf("About the breach.", StringComparison.Ordinal);
        Assert.True(journey >= 0 && step > journey && text > step, markdown);
    }

    [Fact]
    public async Task ReorderingAndRemovingStepsKeepsProgressAndReflections()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var client = await _app.RegisteredClientAsync(email);
        await client.WriteAsync("/journeys/rebuilding-trust/be-patient", "Patience, written before the change.");
        await client.WriteAsync(JourneySteps.SecondStep, "On talking.");
        await client.MarkDoneAsync(JourneySteps.SecondStep);

        // An author reorders two steps, then removes "be-patient" from the guide and its journey.
        var content = TestApp.CopyOfContent();
        var section = Path.Combine(content, "guide/02-rebuilding-trust");
        File.Move(Path.Combine(section, "01-acknowledge-the-breach.md"), Path.Combine(section, "09-acknowledge-the-breach.md"));
        File.Delete(Path.Combine(section, "05-be-patient.md"));
        var journeys = Path.Combine(content, "journeys.yml");
        File.WriteAllText(journeys, File.ReadAllText(journeys).Replace("    - be-patient\n", "", StringComparison.Ordinal));

        await using var changed = await _app.RestartAsync(content);
        var again = await changed.SignedInClientAsync(email);

        var journey = await again.GetPageAsync("/journeys/rebuilding-trust");
        Assert.Equal("1 of 4 steps done", journey.QuerySelector("p.meta")!.TextContent);
        Assert.Equal(["On talking."], await again.ReflectionTextsAsync(JourneySteps.SecondStep));
        var journal = await again.GetPageAsync("/journal");
        var orphan = journal.QuerySelectorAll("article.reflection").Single(a => a.TextContent.Contains("Patience, written", StringComparison.Ordinal));
        Assert.Contains("A step no longer in the guide", orphan.TextContent);
        Directory.Delete(content, recursive: true);
    }

    private static async Task<MultipartFormDataContent> ImportFormAsync(HttpClient client, string json)
    {
        var page = await client.GetPageAsync("/journal/import");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(json), "file", "trustagain-journal.json" },
        };
    }

    private async Task<string> UserIdAsync(HttpClient client)
    {
        var export = await client.GetStringAsync("/journal/export.json");
        Assert.NotNull(export);
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return db.Reflections.Single(r => r.StepKey == "acknowledge-the-breach").UserId;
    }
}
