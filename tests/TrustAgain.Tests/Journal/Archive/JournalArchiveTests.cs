using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustAgain.Web.Data;
using TrustAgain.Web.Journal;
using TrustAgain.Web.Journal.Archive;

namespace TrustAgain.Tests.Journal.Archive;

// Export version 2 carries check-ins, commitments and kept safety-check answers; version 1 files still import.
public sealed class JournalArchiveTests : IDisposable
{
    private static readonly string VersionOneFixture = Path.Combine(TestApp.RepositoryRoot, "tests/TrustAgain.Tests/Journal/Archive/Fixtures/export-v1.json");

    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AnExportImportedIntoAFreshAccountExportsTheSameContentAgain()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var original = await _app.RegisteredClientAsync(email);
        await FillAsync(original, email);
        var exported = await original.GetStringAsync("/journal/export.json");

        var restored = await _app.RegisteredClientAsync();
        var import = await restored.PostAsync("/journal/import", await ImportFormAsync(restored, exported));
        Assert.Contains("Restored 1 reflection, 1 completed step, 3 check-ins and 1 commitment.", (await import.ParseAsync()).Text());
        var again = await restored.GetStringAsync("/journal/export.json");

        var before = JsonSerializer.Deserialize<JournalExport>(exported, JournalArchive.Json)!;
        Assert.Equal(JournalExport.CurrentVersion, before.Version);
        Assert.Equal(3, before.CheckIns!.Count);
        Assert.Equal(["kept", "slipped", "renegotiated"], JsonNode.Parse(exported)!["commitments"]![0]!["log"]!.AsArray().Select(e => (string)e!["outcome"]!));
        Assert.Single(before.SafetyChecks!);
        Assert.Equal(WithoutExportTime(exported), WithoutExportTime(again));
    }

    [Fact]
    public async Task TheExportKeepsEveryPartOfACheckInACommitmentRecordAndKeptSafetyAnswers()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var client = await _app.RegisteredClientAsync(email);
        await FillAsync(client, email);

        var export = JsonSerializer.Deserialize<JournalExport>(await client.GetStringAsync("/journal/export.json"), JournalArchive.Json)!;

        var checkIn = export.CheckIns!.Single(c => c.Note is not null);
        Assert.Equal((4, 7, false), (checkIn.Trust, checkIn.Safety, checkIn.Damaged));
        Assert.Equal(["hopeful", "anxious"], checkIn.Feelings);
        Assert.Equal("Talked for an hour without shouting.", checkIn.Note);
        Assert.Equal(new DateTime(2026, 9, 1, 8, 30, 0), export.CheckIns![0].CreatedAt);
        Assert.Equal("acknowledge-the-breach", export.CheckIns[0].StepKey);

        var commitment = export.Commitments!.Single();
        Assert.Equal("We talk every Sunday evening, phones away.", commitment.Wording);
        Assert.Equal(("boundaries", "agree-on-honest-communication"), (commitment.JourneyKey, commitment.StepKey));
        Assert.Equal([Outcome.Kept, Outcome.Slipped, Outcome.Renegotiated], commitment.Log.Select(e => e.Outcome));
        Assert.Equal("A long talk after dinner.", commitment.Log[0].Note);
        Assert.Equal(DateOnly.Parse(CommitmentSteps.Day(-14), System.Globalization.CultureInfo.InvariantCulture), commitment.Log[0].On);
        Assert.Equal(("We talk every Sunday.", "We talk every Sunday evening, phones away."), (commitment.Log[2].WordingBefore, commitment.Log[2].WordingAfter));

        var safety = export.SafetyChecks!.Single();
        Assert.Equal("vulnerability", safety.JourneyKey);
        Assert.Equal(SafetyAnswer.NotSure, safety.Answers!["fear"]);
        Assert.Equal(SafetyAnswer.No, safety.Answers["violence"]);
    }

    [Fact]
    public async Task SafetyChecksTakenWithoutKeepingTheAnswersAreNotExported()
    {
        var client = await _app.RegisteredClientAsync();
        await client.SubmitAsync("/journeys/forgiveness/safety-check", SafetyAnswers());

        var export = JsonSerializer.Deserialize<JournalExport>(await client.GetStringAsync("/journal/export.json"), JournalArchive.Json)!;

        Assert.Empty(export.SafetyChecks!);
    }

    [Fact]
    public async Task AVersionOneExportStillImports()
    {
        var client = await _app.RegisteredClientAsync();

        var response = await client.PostAsync("/journal/import", await ImportFormAsync(client, await File.ReadAllTextAsync(VersionOneFixture)));

        Assert.Contains("Restored 2 reflections, 1 completed step, 0 check-ins and 0 commitments.", (await response.ParseAsync()).Text());
        Assert.Equal(["Called my sister. She listened."], await client.ReflectionTextsAsync("/journeys/healing/seek-support"));
        var export = JsonSerializer.Deserialize<JournalExport>(await client.GetStringAsync("/journal/export.json"), JournalArchive.Json)!;
        // PostgreSQL keeps microseconds, SQLite every tick: either way the original moment, not the time of import.
        Assert.Equal(new DateTime(2026, 11, 25, 18, 21, 48, 547, DateTimeKind.Utc).AddTicks(2619), export.Progress.Single().CompletedAt,
            TimeSpan.FromMicroseconds(1));
        Assert.Empty(export.CheckIns!);
    }

    [Fact]
    public async Task AnExportFromANewerVersionIsRefusedAndNothingIsRestored()
    {
        var client = await _app.RegisteredClientAsync();
        var newer = JsonNode.Parse(await File.ReadAllTextAsync(VersionOneFixture))!;
        newer["version"] = JournalExport.CurrentVersion + 1;

        var response = await client.PostAsync("/journal/import", await ImportFormAsync(client, newer.ToJsonString()));

        Assert.Contains("comes from a newer version of TrustAgain", (await response.ParseAsync()).Text());
        Assert.Empty(await client.ReflectionTextsAsync("/journal"));
    }

    [Fact]
    public async Task AnAccountWithOnlyACheckInOrACommitmentIsNotEmptyForImport()
    {
        var withCheckIn = await _app.RegisteredClientAsync();
        await withCheckIn.CheckInAsync(5, 5);
        var withCommitment = await _app.RegisteredClientAsync();
        await withCommitment.AgreeAsync("We say when we will be late.");
        var fixture = await File.ReadAllTextAsync(VersionOneFixture);

        foreach (var client in new[] { withCheckIn, withCommitment })
        {
            var response = await client.PostAsync("/journal/import", await ImportFormAsync(client, fixture));
            Assert.Contains("restores into an empty account", (await response.ParseAsync()).Text());
            Assert.Empty(await client.ReflectionTextsAsync("/journal"));
        }
    }

    [Fact]
    public async Task ADamagedCheckInIsExportedAsDamagedAndSkippedOnImport()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var client = await _app.RegisteredClientAsync(email);
        await client.CheckInAsync(3, 6, note: "This one gets damaged.");
        await client.CheckInAsync(5, 6);
        using (var scope = _app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var first = await db.CheckIns.OrderBy(c => c.CreatedAt).FirstAsync();
            first.Ciphertext = [.. first.Ciphertext[..^1], (byte)(first.Ciphertext[^1] ^ 0xFF)];
            await db.SaveChangesAsync();
        }

        var exported = await client.GetStringAsync("/journal/export.json");
        var damaged = JsonSerializer.Deserialize<JournalExport>(exported, JournalArchive.Json)!.CheckIns![0];
        Assert.Equal((true, (int?)null, (string?)null), (damaged.Damaged, damaged.Trust, damaged.Note));

        var restored = await _app.RegisteredClientAsync();
        var text = (await (await restored.PostAsync("/journal/import", await ImportFormAsync(restored, exported))).ParseAsync()).Text();
        Assert.Contains("1 check-in and", text);
        Assert.Contains("1 damaged entry could not be restored.", text);
    }

    [Fact]
    public async Task TheMarkdownExportHasCheckInsAndCommitmentsWithTheirConsistency()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var client = await _app.RegisteredClientAsync(email);
        await FillAsync(client, email);

        var markdown = await client.GetStringAsync("/journal/export.md");

        var checkIns = markdown.IndexOf("## Check-ins", StringComparison.Ordinal);
        var commitments = markdown.IndexOf("## Commitments", StringComparison.Ordinal);
        Assert.True(checkIns > 0 && commitments > checkIns, markdown);
        Assert.Contains("- **2026-09-01T08:30+00:00** — trust 2/10, safety 5/10, after *Acknowledge what happened*", markdown);
        Assert.Contains("trust 4/10, safety 7/10; feeling hopeful, anxious", markdown);
        Assert.Contains("  Talked for an hour without shouting.", markdown);
        Assert.Contains("### We talk every Sunday evening, phones away.", markdown);
        Assert.Contains("Last 30 days: kept 1 of 2 (50%). Overall: kept 1 of 2 (50%).", markdown);
        Assert.Contains($"- {CommitmentSteps.Day(-14)} — kept: A long talk after dinner.", markdown);
        Assert.Contains("renegotiated from “We talk every Sunday.” to “We talk every Sunday evening, phones away.”", markdown);
    }

    [Fact]
    public async Task ExportsGiveEveryTimeOnThePersonsOwnClockWithItsOffsetAndAreNamedWithTheirToday()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var client = await _app.RegisteredClientAsync(email);
        await client.SubmitAsync("/account", new Dictionary<string, string> { ["timeZone"] = "America/New_York" }, action: "handler=TimeZone");
        await FillAsync(client, email);

        var json = await client.GetAsync("/journal/export.json");
        var markdown = await client.GetAsync("/journal/export.md");

        var export = JsonNode.Parse(await json.Content.ReadAsStringAsync())!;
        Assert.Contains(export["checkIns"]!.AsArray(), c => (string)c!["createdAt"]! == "2026-09-01T04:30:00-04:00");
        Assert.All(export["reflections"]!.AsArray(), r => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d$", (string)r!["createdAt"]!));
        var text = await markdown.Content.ReadAsStringAsync();
        Assert.Contains("- **2026-09-01T04:30-04:00** — trust 2/10", text);
        var today = TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "America/New_York").ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"trustagain-journal-{today}.json", json.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.Equal($"trustagain-journal-{today}.md", markdown.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
    }

    [Fact]
    public async Task TheMarkdownExportHoldsTheSafetyAnswersThePersonKeptAsTheJsonDoes()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var client = await _app.RegisteredClientAsync(email);
        await FillAsync(client, email);

        var markdown = await client.GetStringAsync("/journal/export.md");

        Assert.Contains("## Safety checks you kept", markdown);
        Assert.Contains("### Before Vulnerability and closeness, ", markdown);
        Assert.Contains("**Not sure**", markdown);
        Assert.Equal(3, markdown.Split("**No**").Length - 1);
    }

    // A person with a reflection, a step done, three check-ins, an agreement with a kept, slipped and renegotiated
    // record, and a safety check whose answers they kept.
    private async Task FillAsync(HttpClient client, string email)
    {
        await client.WriteAsync(JourneySteps.FirstStep, "What happened, in my words.");
        await client.MarkDoneAsync(JourneySteps.FirstStep);
        await _app.AddCheckInAsync(email, new DateTime(2026, 9, 1, 8, 30, 0, DateTimeKind.Utc), 2, 5, stepKey: "acknowledge-the-breach");
        await _app.AddCheckInAsync(email, new DateTime(2026, 9, 8, 19, 0, 0, DateTimeKind.Utc), 3, 6);
        await client.CheckInAsync(4, 7, ["hopeful", "anxious"], "Talked for an hour without shouting.");
        var id = await client.AgreeAsync("We talk every Sunday.", "/commitments/new?journey=boundaries&step=agree-on-honest-communication");
        await client.LogAsync(id, "Kept", CommitmentSteps.Day(-14), "A long talk after dinner.");
        await client.LogAsync(id, "Slipped", CommitmentSteps.Day(-7));
        await client.LogAsync(id, "Renegotiated", CommitmentSteps.Day(-1), newWording: "We talk every Sunday evening, phones away.");
        var answers = SafetyAnswers(fear: "NotSure");
        answers["KeepAnswers"] = "true";
        await client.SubmitAsync("/journeys/vulnerability/safety-check", answers);
    }

    private static Dictionary<string, string> SafetyAnswers(string fear = "No") => new()
    {
        ["Answers[fear]"] = fear, ["Answers[threats]"] = "No", ["Answers[control]"] = "No", ["Answers[violence]"] = "No",
    };

    private static string WithoutExportTime(string json)
    {
        var node = JsonNode.Parse(json)!;
        node["exportedAt"] = null;
        return node.ToJsonString();
    }

    private static async Task<MultipartFormDataContent> ImportFormAsync(HttpClient client, string json)
    {
        var page = await client.GetPageAsync("/journal/import");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(json, Encoding.UTF8), "file", "trustagain-journal.json" },
        };
    }
}
