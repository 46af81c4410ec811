using System.Net;
using AngleSharp.Dom;

namespace TrustAgain.Tests.Pages.Journal;

public sealed class SummaryTests : IDisposable
{
    private static readonly DateTime Start = new(2026, 9, 1, 9, 0, 0, DateTimeKind.Utc);

    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TheJournalLinksToTheSummaryWhichListsEverythingThatCanBeChosen()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var client = await _app.RegisteredClientAsync(email);
        var id = await client.WriteReflectionAsync(JourneySteps.FirstStep, "What I wrote first.");
        var agreement = await client.AgreeAsync("We talk every Sunday.");
        await _app.AddCheckInAsync(email, Start, trust: 4, safety: 6);

        var journal = await client.GetPageAsync("/journal");
        var page = await client.GetPageAsync(journal.QuerySelector("a[href='/journal/summary']")!.GetAttribute("href")!);

        Assert.Equal("Make a summary for a counsellor", journal.QuerySelector("a[href='/journal/summary']")!.TextContent);
        Assert.Equal(["Reflections", "Check-ins", "Commitments"], page.QuerySelectorAll("form > fieldset > legend").Select(l => l.TextContent));
        Assert.Equal("Rebuilding trust · Acknowledge what happened", page.QuerySelector("legend.summary-step")!.TextContent);
        Assert.Contains("What I wrote first.", page.QuerySelector($"label[for='reflection-{id}']")!.TextContent);
        Assert.Equal("We talk every Sunday.", page.QuerySelector($"label[for='commitment-{agreement}']")!.TextContent);
        Assert.Contains("1 check-in", page.QuerySelector("label[for='include-check-ins']")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("input[type=checkbox]:checked"));
    }

    [Fact]
    public async Task ChoosingNothingAsksForAChoiceAndKeepsTheDatesTyped()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var client = await _app.RegisteredClientAsync(email);
        await _app.AddCheckInAsync(email, Start, trust: 4, safety: 6);

        var page = await (await client.ChooseAsync(from: "2026-09-01")).ParseAsync();

        Assert.Contains("Choose at least one", page.QuerySelector(".alert.error")!.TextContent);
        Assert.Equal("2026-09-01", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#check-ins-from")!.Value);
        Assert.Null(page.QuerySelector("textarea"));
    }

    [Fact]
    public async Task ABlankedOutPassageIsReplacedByAMarkerInThePageAndTheMarkdown()
    {
        var client = await _app.RegisteredClientAsync();
        var chosen = await client.WriteReflectionAsync(JourneySteps.FirstStep, "I felt hurt. The private part. I want to try.");
        await client.WriteReflectionAsync(JourneySteps.SecondStep, "Not for the counsellor.");

        var blanking = await (await client.ChooseAsync(reflections: [chosen])).ParseAsync();
        var textarea = blanking.QuerySelector($"textarea#text-{chosen}")!;
        var response = await client.MakeSummaryAsync(blanking, new Dictionary<Guid, string>
        {
            [chosen] = "I felt hurt. [[The private part.]] I want to try.",
        });
        var summary = await response.ParseAsync();
        var markdown = await client.DownloadMarkdownAsync(summary);
        var text = await markdown.Content.ReadAsStringAsync();

        Assert.Equal("I felt hurt. The private part. I want to try.", textarea.TextContent);
        Assert.Single(blanking.QuerySelectorAll("textarea"));
        Assert.Equal("I felt hurt. [left out] I want to try.", summary.QuerySelector(".counsellor-summary .reflection-text")!.TextContent);
        Assert.Equal("[left out]", summary.QuerySelector(".reflection-text .left-out")!.TextContent);
        Assert.DoesNotContain("The private part", summary.Text(".counsellor-summary"));
        Assert.DoesNotContain("Not for the counsellor", summary.Source.Text);
        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", markdown.Content.Headers.ContentDisposition!.DispositionType);
        Assert.EndsWith(".md", markdown.Content.Headers.ContentDisposition.FileName!.Trim('"'), StringComparison.Ordinal);
        Assert.Contains("I felt hurt. [left out] I want to try.", text);
        Assert.Contains("### Rebuilding trust · Acknowledge what happened, ", text);
        Assert.DoesNotContain("The private part", text);
        Assert.DoesNotContain("Not for the counsellor", text);
    }

    [Fact]
    public async Task DeletedTextIsGoneAndAnUnclosedBracketLeavesOutTheRest()
    {
        var client = await _app.RegisteredClientAsync();
        var first = await client.WriteReflectionAsync(JourneySteps.FirstStep, "Keep this. Delete this.");
        var second = await client.WriteReflectionAsync(JourneySteps.SecondStep, "Shown. Hidden to the end.");

        var blanking = await (await client.ChooseAsync(reflections: [first, second])).ParseAsync();
        var summary = await (await client.MakeSummaryAsync(blanking, new Dictionary<Guid, string>
        {
            [first] = "Keep this.",
            [second] = "Shown. [[Hidden to the end.",
        })).ParseAsync();

        Assert.Equal(["Keep this.", "Shown. [left out]"], summary.QuerySelectorAll(".reflection-text").Select(p => p.TextContent));
    }

    [Fact]
    public async Task ChosenCheckInsAndCommitmentsBringTheirChartsAndTables()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var client = await _app.RegisteredClientAsync(email);
        await _app.AddCheckInAsync(email, Start, trust: 3, safety: 5, note: "A private check-in note.");
        await _app.AddCheckInAsync(email, Start.AddDays(14), trust: 5, safety: 4);
        await _app.AddCheckInAsync(email, Start.AddDays(60), trust: 8, safety: 8);
        var agreement = await client.AgreeAsync("We talk every Sunday.");
        await client.LogAsync(agreement, "Kept");
        await client.LogAsync(agreement, "Slipped", CommitmentSteps.Day(-1));

        var blanking = await (await client.ChooseAsync(commitments: [agreement], checkIns: true, from: "2026-09-01", to: "2026-09-30")).ParseAsync();
        var summary = await (await client.MakeSummaryAsync(blanking)).ParseAsync();
        var markdown = await (await client.DownloadMarkdownAsync(summary)).Content.ReadAsStringAsync();

        Assert.Equal("You chose no reflections, so there is nothing to leave out here.", blanking.QuerySelector("form .muted")!.TextContent);
        Assert.Equal(2, summary.QuerySelectorAll("svg.timeline .point.trust").Length);
        Assert.NotNull(summary.QuerySelector("svg.by-step"));
        Assert.Equal(
            [["1 Sep 2026, 09:00 UTC", "3", "5"], ["15 Sep 2026, 09:00 UTC", "5", "4"]],
            Rows(summary.QuerySelector("#timeline-heading")!.ParentElement!));
        Assert.All(summary.QuerySelectorAll("details.chart-data"), details => Assert.True(details.HasAttribute("open")));
        Assert.Equal("Check-ins from 1 September 2026 to 30 September 2026", summary.QuerySelector("#summary-check-ins")!.TextContent);
        Assert.DoesNotContain("A private check-in note.", summary.Source.Text);
        Assert.Equal("We talk every Sunday.", summary.QuerySelector(".counsellor-summary .agreement-wording")!.TextContent);
        Assert.NotNull(summary.QuerySelector(".counsellor-summary svg.strip-chart"));
        Assert.Contains("kept 1 of 2", summary.QuerySelector(".counsellor-summary .figures")!.TextContent);
        Assert.Contains("| 15 Sep 2026, 09:00 UTC | 5 | 4 |", markdown);
        Assert.DoesNotContain("8 | 8", markdown);
        Assert.Contains("### We talk every Sunday.", markdown);
        Assert.Contains("Overall: kept 1 of 2 (50%).", markdown);
    }

    [Fact]
    public async Task AnotherPersonsIdsPostedByHandAreLeftOut()
    {
        var owner = await _app.RegisteredClientAsync();
        var other = await _app.RegisteredClientAsync();
        var reflection = await owner.WriteReflectionAsync(JourneySteps.FirstStep, "Only mine to read.");
        var agreement = await owner.AgreeAsync("Our agreement, only mine to read.");
        var mine = await other.WriteReflectionAsync(JourneySteps.FirstStep, "The other person's own words.");
        var token = (await other.GetPageAsync("/journal/summary")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        FormUrlEncodedContent Form() => new(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Choice.ReflectionIds"] = reflection.ToString(),
            ["Choice.CommitmentIds"] = agreement.ToString(),
            [$"Choice.Texts[{reflection}]"] = "Posted for someone else's entry.",
        });

        var ownerPage = await owner.GetPageAsync("/journal/summary");
        var choosing = await other.GetPageAsync("/journal/summary");
        var responses = new[]
        {
            await other.PostAsync("/journal/summary?handler=Blank", Form()),
            await other.PostAsync("/journal/summary?handler=Summary", Form()),
            await other.PostAsync("/journal/summary?handler=Markdown", Form()),
        };

        Assert.Contains("Only mine to read.", ownerPage.Text());
        Assert.DoesNotContain("only mine to read", choosing.Source.Text, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(choosing.QuerySelector($"#reflection-{mine}"));
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("only mine to read", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Posted for someone else's entry", body, StringComparison.Ordinal);
            Assert.DoesNotContain(reflection.ToString(), body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EveryStepIsAPostSoNoChosenTextReachesAUrl()
    {
        var client = await _app.RegisteredClientAsync();
        var id = await client.WriteReflectionAsync(JourneySteps.FirstStep, "Words for the counsellor.");

        var choosing = await client.GetPageAsync("/journal/summary");
        var blanking = await (await client.ChooseAsync(reflections: [id])).ParseAsync();
        var response = await client.MakeSummaryAsync(blanking);
        var summary = await response.ParseAsync();

        var forms = new[] { choosing, blanking, summary }.SelectMany(p => p.QuerySelectorAll("main form")).ToList();
        Assert.Equal(3, forms.Count);
        Assert.All(forms, form => Assert.Equal("post", form.GetAttribute("method")));
        Assert.Equal("/journal/summary", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        Assert.NotNull(summary.QuerySelector("button[data-print][hidden]"));
    }

    private static List<List<string>> Rows(IElement section) =>
        [.. section.QuerySelectorAll("tbody tr").Select(row => row.Children.Select(cell => cell.TextContent).ToList())];
}
