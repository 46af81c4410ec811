using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustAgain.Web.Data;

namespace TrustAgain.Tests.Pages.Commitments;

public sealed class CommitmentTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task WithNoAgreementsThePageSaysWhatOneIsAndWhereToStart()
    {
        var client = await _app.RegisteredClientAsync();

        var page = await client.GetPageAsync("/commitments");

        Assert.Equal("No agreements yet", page.QuerySelector("main h2")!.TextContent);
        Assert.NotNull(page.QuerySelector("main a[href='/commitments/new']"));
        Assert.NotNull(page.QuerySelector("main a[href='/journeys/boundaries']"));
        Assert.Contains(page.QuerySelectorAll("nav[aria-label=Main] a"), a => a.TextContent == "Commitments");
    }

    [Theory]
    [InlineData("/journeys/boundaries/set-clear-expectations", "Set clear expectations")]
    [InlineData("/journeys/transparency/give-regular-updates", "Keep each other in the loop")]
    public async Task AStepOfTheBoundariesAndTransparencyJourneysOffersToRecordAnAgreementFromIt(string stepUrl, string stepTitle)
    {
        var client = await _app.RegisteredClientAsync();
        var link = (await client.GetPageAsync(stepUrl)).QuerySelector("main a[href^='/commitments/new']")!.GetAttribute("href")!;

        var id = await client.AgreeAsync("I will tell you when plans change.", from: link);

        var page = await client.GetPageAsync($"/commitments/{id}");
        Assert.Equal("I will tell you when plans change.", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(stepTitle, page.QuerySelector($"main .meta a[href='{stepUrl}']")!.TextContent);
        var list = await client.GetPageAsync("/commitments");
        Assert.Equal(["I will tell you when plans change."], list.QuerySelectorAll(".commitment h2 a").Select(a => a.TextContent));
        Assert.Contains($"from “{stepTitle}”", list.Text(".commitment .meta"));
    }

    [Fact]
    public async Task OtherJourneysDoNotOfferAgreements()
    {
        var client = await _app.RegisteredClientAsync();

        var page = await client.GetPageAsync(JourneySteps.FirstStep);

        Assert.Null(page.QuerySelector("main a[href^='/commitments/new']"));
    }

    [Fact]
    public async Task TheLogFormDefaultsToTodayAndEachOutcomeIsRecordedWithItsDateAndNote()
    {
        var client = await _app.RegisteredClientAsync();
        var id = await client.AgreeAsync("We will talk every Sunday.");
        Assert.Equal(CommitmentSteps.Day(0), (await client.GetPageAsync($"/commitments/{id}")).QuerySelector("#Log_On")!.GetAttribute("value"));

        await client.LogAsync(id, "Kept", CommitmentSteps.Day(-14), "A long talk after dinner.");
        var response = await client.LogAsync(id, "Slipped", CommitmentSteps.Day(-7));

        var page = await response.ParseAsync();
        Assert.Equal($"/commitments/{id}", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Logged.", page.QuerySelector("[role=status]")!.TextContent);
        var entries = page.QuerySelectorAll(".record-entry").ToList();
        Assert.Equal(["Slipped", "Kept"], entries.Select(e => e.QuerySelector(".outcome")!.TextContent));
        Assert.Equal([CommitmentSteps.Day(-7), CommitmentSteps.Day(-14)], entries.Select(e => e.QuerySelector("time")!.GetAttribute("datetime")));
        Assert.Equal("A long talk after dinner.", entries[1].QuerySelector(".record-note")!.TextContent);
        Assert.Null(entries[0].QuerySelector(".record-note"));
    }

    [Fact]
    public async Task ConsistencyCountsKeptAgainstSlippedInTheLast30DaysAndOverallLeavingRenegotiationsOut()
    {
        var client = await _app.RegisteredClientAsync();
        var id = await client.AgreeAsync("I will answer my phone when I'm out late.");
        // Outside the window: two slips, and one kept on the 30th day back, which is just outside it.
        await client.LogAsync(id, "Slipped", CommitmentSteps.Day(-45));
        await client.LogAsync(id, "Slipped", CommitmentSteps.Day(-31));
        await client.LogAsync(id, "Kept", CommitmentSteps.Day(-30));
        // Inside it: the 29th day back counts, as does today; the renegotiation counts neither way.
        await client.LogAsync(id, "Kept", CommitmentSteps.Day(-29));
        await client.LogAsync(id, "Kept", CommitmentSteps.Day(-5));
        await client.LogAsync(id, "Slipped", CommitmentSteps.Day(-2));
        await client.LogAsync(id, "Renegotiated", CommitmentSteps.Day(0), newWording: "I will text if I'll be later than eleven.");

        foreach (var page in new[] { await client.GetPageAsync($"/commitments/{id}"), await client.GetPageAsync("/commitments") })
        {
            // Last 30 days: kept 2, slipped 1 → 67%. Overall: kept 3, slipped 3 → 50%.
            Assert.Equal(["67%", "50%"], page.QuerySelectorAll(".figures .figure").Select(f => f.TextContent));
            Assert.Equal(["kept 2 of 3", "kept 3 of 6"], page.QuerySelectorAll(".figures dd.meta").Select(f => f.TextContent));
            var chart = page.QuerySelector("svg.strip-chart")!;
            Assert.Equal("img", chart.GetAttribute("role"));
            Assert.Equal("Chart of 7 logged entries over time. Last 30 days: kept 2 of 3 (67%). Overall: kept 3 of 6 (50%).", chart.GetAttribute("aria-label"));
            Assert.Equal(4, chart.QuerySelectorAll(".mark-kept").Length + chart.QuerySelectorAll(".mark-renegotiated").Length);
            Assert.Equal(3, chart.QuerySelectorAll(".mark-slipped").Length);
            Assert.Null(chart.QuerySelector("[style]"));
        }
    }

    [Fact]
    public async Task WithOnlyRenegotiationsThereIsNoPercentageYet()
    {
        var client = await _app.RegisteredClientAsync();
        var id = await client.AgreeAsync("We will eat together on Fridays.");

        await client.LogAsync(id, "Renegotiated", newWording: "We will eat together on Saturdays.");

        var page = await client.GetPageAsync($"/commitments/{id}");
        Assert.Equal(["–", "–"], page.QuerySelectorAll(".figures .figure").Select(f => f.TextContent));
        Assert.Contains("nothing kept or slipped logged yet", page.Text(".figures"));
    }

    [Fact]
    public async Task RenegotiatingChangesTheWordingAndKeepsTheEarlierWordingInTheRecord()
    {
        var client = await _app.RegisteredClientAsync();
        var id = await client.AgreeAsync("We will talk every Sunday.");
        await client.LogAsync(id, "Kept", CommitmentSteps.Day(-3));

        await client.LogAsync(id, "Renegotiated", note: "Sundays are too busy.", newWording: "We will talk every Monday.");
        var page = await (await client.LogAsync(id, "Renegotiated", newWording: "We will talk every Monday evening.")).ParseAsync();

        Assert.Equal("We will talk every Monday evening.", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("We will talk every Monday evening.", page.QuerySelector("#Log_NewWording")!.TextContent);
        var changes = page.QuerySelectorAll(".record-change").Select(c => (c.QuerySelector(".record-before")!.TextContent, c.QuerySelector(".record-after")!.TextContent));
        Assert.Equal([("We will talk every Monday.", "We will talk every Monday evening."), ("We will talk every Sunday.", "We will talk every Monday.")], changes);
        Assert.Contains("Sundays are too busy.", page.Text(".record"));
        Assert.Equal(3, page.QuerySelectorAll(".record-entry").Length);
    }

    [Fact]
    public async Task ALogThatCannotBeSavedKeepsEverythingTypedAndSaysWhatIsMissing()
    {
        var client = await _app.RegisteredClientAsync();
        var id = await client.AgreeAsync("I will say when I need space.");

        var noOutcome = await (await client.LogAsync(id, outcome: null, CommitmentSteps.Day(-1), "A note I took care over.")).ParseAsync();
        var noNewWording = await (await client.LogAsync(id, "Renegotiated", note: "We talked it through.", newWording: "  ")).ParseAsync();
        var future = await (await client.LogAsync(id, "Kept", CommitmentSteps.Day(5), "Not yet.")).ParseAsync();
        var nonsense = await (await client.LogAsync(id, "7", "not a date", "Odd values.")).ParseAsync();

        Assert.Equal("Choose what happened: kept, slipped or renegotiated.", noOutcome.QuerySelector("#Log_Outcome-error")!.TextContent);
        Assert.Equal("A note I took care over.", noOutcome.QuerySelector("#Log_Note")!.TextContent);
        Assert.Equal(CommitmentSteps.Day(-1), noOutcome.QuerySelector("#Log_On")!.GetAttribute("value"));
        Assert.Contains("Write the agreement as you've changed it", noNewWording.QuerySelector("#Log_NewWording-error")!.TextContent);
        Assert.Equal("We talked it through.", noNewWording.QuerySelector("#Log_Note")!.TextContent);
        Assert.NotNull(noNewWording.QuerySelector("#Log_Outcome_Renegotiated[checked]"));
        Assert.Equal("Choose a day between 1 January 2000 and today.", future.QuerySelector("#Log_On-error")!.TextContent);
        Assert.Equal("Choose what happened: kept, slipped or renegotiated.", nonsense.QuerySelector("#Log_Outcome-error")!.TextContent);
        Assert.Equal("Choose the day it happened.", nonsense.QuerySelector("#Log_On-error")!.TextContent);
        Assert.Empty((await client.GetPageAsync($"/commitments/{id}")).QuerySelectorAll(".record-entry"));
    }

    [Fact]
    public async Task AnAgreementThatCannotBeSavedKeepsWhatWasTyped()
    {
        var client = await _app.RegisteredClientAsync();
        var tooLong = "We will " + new string('a', 600);

        var empty = await (await client.SubmitAsync("/commitments/new", new Dictionary<string, string> { ["Input.Wording"] = " " })).ParseAsync();
        var overLong = await (await client.SubmitAsync("/commitments/new", new Dictionary<string, string> { ["Input.Wording"] = tooLong })).ParseAsync();

        Assert.Contains("Write the agreement in a sentence", empty.QuerySelector("#Input_Wording-error")!.TextContent);
        Assert.Contains("under 500 characters", overLong.QuerySelector("#Input_Wording-error")!.TextContent);
        Assert.Equal(tooLong, overLong.QuerySelector("#Input_Wording")!.TextContent);
        Assert.Equal("No agreements yet", (await client.GetPageAsync("/commitments")).QuerySelector("main h2")!.TextContent);
    }

    [Fact]
    public async Task DeletingAnAgreementAsksFirstThenRemovesItAndItsWholeRecord()
    {
        var client = await _app.RegisteredClientAsync();
        var id = await client.AgreeAsync("I will put my phone away at dinner.");
        var kept = await client.AgreeAsync("We will walk on Saturdays.");
        await client.LogAsync(id, "Kept");
        await client.LogAsync(id, "Slipped");
        await client.LogAsync(kept, "Kept");

        var confirm = await client.GetPageAsync($"/commitments/{id}/delete");
        Assert.Contains("2 logged entries", confirm.Text());
        var response = await client.SubmitAsync($"/commitments/{id}/delete", new Dictionary<string, string>());

        Assert.Equal("/commitments", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/commitments/{id}")).StatusCode);
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal([kept], await db.Commitments.Select(c => c.Id).ToListAsync());
        Assert.Equal([kept], await db.CommitmentEntries.Select(e => e.CommitmentId).ToListAsync());
    }

    [Fact]
    public async Task ADamagedAgreementOrEntrySaysSoInsteadOfShowingGarbage()
    {
        var client = await _app.RegisteredClientAsync();
        var id = await client.AgreeAsync("Will be damaged.");
        await client.LogAsync(id, "Kept", note: "Also damaged.");
        await client.LogAsync(id, "Slipped", CommitmentSteps.Day(-1), note: "Still fine.");
        using (var scope = _app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var commitment = await db.Commitments.SingleAsync();
            commitment.Ciphertext[^1] ^= 0xFF;
            db.Entry(commitment).Property(c => c.Ciphertext).IsModified = true;
            var entry = await db.CommitmentEntries.SingleAsync(e => e.On == DateOnly.FromDateTime(DateTime.UtcNow));
            entry.Ciphertext[^1] ^= 0xFF;
            db.Entry(entry).Property(e => e.Ciphertext).IsModified = true;
            await db.SaveChangesAsync();
        }

        var page = await client.GetPageAsync($"/commitments/{id}");

        Assert.Equal(["This agreement is damaged and cannot be shown.", "This entry is damaged and cannot be shown."],
            page.QuerySelectorAll("main .damaged").Select(d => d.TextContent));
        Assert.Contains("Still fine.", page.Text(".record"));
        Assert.DoesNotContain("Will be damaged.", page.Source.Text);
        Assert.DoesNotContain("Also damaged.", page.Source.Text);
        // The damaged entry's outcome is unknown, so only the readable slip counts.
        Assert.Equal("kept 0 of 1", page.QuerySelectorAll(".figures dd.meta")[^1].TextContent);
        Assert.Contains("This agreement is damaged", (await client.GetPageAsync("/commitments")).Text());
    }
}
