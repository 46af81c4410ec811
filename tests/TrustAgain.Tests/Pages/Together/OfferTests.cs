using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustAgain.Web.Data;

namespace TrustAgain.Tests.Pages.Together;

public sealed class OfferTests : IDisposable
{
    private const string Waiting = "Something is waiting for you";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly TestApp _app;

    public OfferTests() => _app = new TestApp(services: services => services.AddSingleton<TimeProvider>(_clock));

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TheOfferPagePreviewsExactlyWhatTheOtherPersonWillSee()
    {
        var (a, _) = await _app.LinkedPairAsync();
        var id = await a.WriteReflectionAsync(JourneySteps.FirstStep, "I was wrong. [[The details.]] I am sorry.");

        var page = await a.GetPageAsync($"/journal/{id}/offer");

        Assert.Equal("I was wrong. [left out] I am sorry.", page.QuerySelector(".offer-preview")!.TextContent);
        Assert.Equal("Has anyone asked or pushed you to share this?", page.QuerySelector("main fieldset:last-of-type legend")!.TextContent.Trim());
    }

    [Fact]
    public async Task AnOfferStaysSealedUntilTheReaderOpensItAndThenShowsOnlyTheKeptText()
    {
        var (a, b) = await _app.LinkedPairAsync();
        var id = await a.WriteReflectionAsync(JourneySteps.FirstStep, "I was wrong. [[The details.]] I am sorry.");
        Assert.DoesNotContain(Waiting, (await b.GetPageAsync("/journal")).Text("header"));

        var offerId = await a.OfferAsync(id, note: "When you are ready.");

        Assert.Contains(Waiting, (await b.GetPageAsync("/journal")).Text("header"));
        Assert.DoesNotContain(Waiting, (await a.GetPageAsync("/journal")).Text("header"));
        var sealedPage = await b.GetPageAsync($"/together/offers/{offerId}");
        Assert.DoesNotContain("I was wrong", sealedPage.Text());
        Assert.DoesNotContain("When you are ready", sealedPage.Text());

        var notReady = await b.SubmitAsync($"/together/offers/{offerId}", new Dictionary<string, string>(), action: "handler=NotReady");
        Assert.Contains("Keeping this sealed for later is fine", (await notReady.ParseAsync()).Text());
        Assert.DoesNotContain("I was wrong", (await b.GetPageAsync($"/together/offers/{offerId}")).Text());

        var opened = await (await b.SubmitAsync($"/together/offers/{offerId}", new Dictionary<string, string>(), action: "handler=Open")).ParseAsync();

        Assert.Equal("I was wrong. [left out] I am sorry.", opened.QuerySelector(".offer-text")!.TextContent);
        Assert.Contains("When you are ready.", opened.QuerySelector(".offer-note")!.TextContent);
        Assert.DoesNotContain("The details", opened.Text());
        Assert.DoesNotContain(Waiting, (await b.GetPageAsync("/journal")).Text("header"));
        var record = (await a.GetPageAsync("/together")).QuerySelector(".disclosure-record")!.TextContent;
        Assert.Contains("was offered", record);
        Assert.Contains("was opened", record);
        Assert.DoesNotContain("I was wrong", record);
    }

    [Fact]
    public async Task SayingSomeonePushedYouSendsNothingAndShowsTheHelp()
    {
        var (a, b) = await _app.LinkedPairAsync();
        var id = await a.WriteReflectionAsync(JourneySteps.FirstStep, "Not for sending.");

        var response = await a.SubmitAsync($"/journal/{id}/offer", new Dictionary<string, string> { ["Pushed"] = "Yes" });

        var page = await response.ParseAsync();
        Assert.Contains("nothing has been sent", page.Text());
        Assert.NotNull(page.QuerySelector("section.safety-help"));
        Assert.Empty(await b.OfferIdsAsync());
    }

    [Fact]
    public async Task AnOfferIsNotSentWithoutAnAnswerToThePressureQuestionAndKeepsWhatWasTyped()
    {
        var (a, b) = await _app.LinkedPairAsync();
        var id = await a.WriteReflectionAsync(JourneySteps.FirstStep, "Original.");

        var page = await (await a.SubmitAsync($"/journal/{id}/offer", new Dictionary<string, string> { ["Text"] = "Edited for them.", ["Note"] = "A note." })).ParseAsync();

        Assert.Equal("Choose an answer before sending.", page.QuerySelector("#Pushed-error")!.TextContent);
        Assert.Equal("Edited for them.", page.QuerySelector("#Text")!.TextContent);
        Assert.Equal("A note.", page.QuerySelector("#Note")!.TextContent);
        Assert.Empty(await b.OfferIdsAsync());
    }

    [Fact]
    public async Task AnOfferIsASnapshotThatLaterEditsAndDeletingTheReflectionDoNotReach()
    {
        var (a, b) = await _app.LinkedPairAsync();
        var id = await a.WriteReflectionAsync(JourneySteps.FirstStep, "As it was.");
        var offerId = await a.OfferAsync(id);

        await a.SubmitAsync($"/journal/{id}/edit", new Dictionary<string, string> { ["Input.Text"] = "As it is now." });
        await b.SubmitAsync($"/together/offers/{offerId}", new Dictionary<string, string>(), action: "handler=Open");
        Assert.Equal("As it was.", (await b.GetPageAsync($"/together/offers/{offerId}")).QuerySelector(".offer-text")!.TextContent);

        await a.SubmitAsync($"/journal/{id}/delete", new Dictionary<string, string>());
        Assert.Equal("As it was.", (await b.GetPageAsync($"/together/offers/{offerId}")).QuerySelector(".offer-text")!.TextContent);
        Assert.Equal("As it was.", (await a.GetPageAsync($"/together/offers/{offerId}")).QuerySelector(".offer-text")!.TextContent);
    }

    [Fact]
    public async Task AWithdrawnOfferDisappearsFromTheReaderAtOnceOpenedOrNot()
    {
        var (a, b) = await _app.LinkedPairAsync();
        var offerId = await a.OfferAsync(await a.WriteReflectionAsync(JourneySteps.FirstStep, "Taken back."));
        await b.SubmitAsync($"/together/offers/{offerId}", new Dictionary<string, string>(), action: "handler=Open");

        await a.SubmitAsync($"/together/offers/{offerId}", new Dictionary<string, string>(), action: "handler=Withdraw");

        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/together/offers/{offerId}")).StatusCode);
        Assert.Empty(await b.OfferIdsAsync());
        Assert.Contains("was withdrawn", (await b.GetPageAsync("/together")).QuerySelector(".disclosure-record")!.TextContent);
        await using var db = Db();
        Assert.Equal(0, await db.Offers.CountAsync());
    }

    [Fact]
    public async Task AnExpiredOfferDisappearsAndTheRecordSaysItExpired()
    {
        var (a, b) = await _app.LinkedPairAsync();
        var offerId = await a.OfferAsync(await a.WriteReflectionAsync(JourneySteps.FirstStep, "For a day."), expiry: "Day");
        Assert.Contains(Waiting, (await b.GetPageAsync("/journal")).Text("header"));

        _clock.Advance(TimeSpan.FromDays(1));

        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/together/offers/{offerId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.GetAsync($"/together/offers/{offerId}")).StatusCode);
        Assert.DoesNotContain(Waiting, (await b.GetPageAsync("/journal")).Text("header"));
        Assert.Contains("was expired", (await b.GetPageAsync("/together")).QuerySelector(".disclosure-record")!.TextContent);
    }

    [Fact]
    public async Task SomeoneOutsideThePairReachesNoneOfItAndChangesNothing()
    {
        var (a, b) = await _app.LinkedPairAsync();
        var id = await a.WriteReflectionAsync(JourneySteps.FirstStep, "Between the two of us.");
        var offerId = await a.OfferAsync(id);
        var c = await _app.RegisteredClientAsync();
        var token = (await c.GetPageAsync("/journal")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync($"/together/offers/{offerId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync($"/journal/{id}/offer")).StatusCode);
        foreach (var handler in new[] { "Open", "NotReady", "Withdraw" })
        {
            var post = await c.PostAsync($"/together/offers/{offerId}?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }
        var offer = await c.PostAsync($"/journal/{id}/offer", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Text"] = "Stolen.", ["Pushed"] = "No", ["Expiry"] = "Week",
        }));
        Assert.Equal(HttpStatusCode.NotFound, offer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await c.PostAsync("/together?handler=Withdraw", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["offerId"] = offerId.ToString(),
        }))).StatusCode);

        // The reader cannot withdraw it, and the author's own offer is not "offered to" them.
        var bToken = (await b.GetPageAsync("/journal")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.NotFound, (await b.PostAsync($"/together/offers/{offerId}?handler=Withdraw",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = bToken }))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/journal/{id}/offer")).StatusCode);
        Assert.Contains("Between the two of us.", (await a.GetPageAsync($"/together/offers/{offerId}")).Text());
        await using var db = Db();
        Assert.Equal(1, await db.Offers.CountAsync(o => o.OpenedAt == null));
    }

    [Fact]
    public async Task EachPersonChoosesWhetherTheOtherSeesTheirFinishedStepsAndCheckInNumbers()
    {
        var (a, b) = await _app.LinkedPairAsync();
        await b.MarkDoneAsync(JourneySteps.FirstStep);
        await b.CheckInAsync(3, 7, note: "Private note.");
        Assert.Null((await a.GetPageAsync("/together")).QuerySelector("#shared-heading"));

        await b.SubmitAsync("/together", new Dictionary<string, string> { ["shareFinishedSteps"] = "true", ["shareCheckInTrend"] = "true" }, action: "handler=Sharing");

        var shared = (await a.GetPageAsync("/together")).Text();
        Assert.Contains("Acknowledge what happened", shared);
        Assert.Contains("3 of 10", shared);
        Assert.DoesNotContain("Private note", shared);

        var off = await b.GetPageAsync("/together");
        var form = off.QuerySelectorAll("main form").OfType<AngleSharp.Html.Dom.IHtmlFormElement>().Single(f => f.Action.Contains("handler=Sharing", StringComparison.Ordinal));
        foreach (var box in form.QuerySelectorAll("input[type=checkbox]").OfType<AngleSharp.Html.Dom.IHtmlInputElement>())
        {
            box.IsChecked = false;
        }
        await b.SubmitAsync(form, "/together", new Dictionary<string, string>());
        Assert.Null((await a.GetPageAsync("/together")).QuerySelector("#shared-heading"));
    }

    [Fact]
    public async Task YourExportHoldsWhatYouOfferedAsSentButNotWhatTheOtherPersonOfferedYou()
    {
        var (a, b) = await _app.LinkedPairAsync();
        var id = await a.WriteReflectionAsync(JourneySteps.FirstStep, "Offered by A. [[Kept back.]]");
        var offerId = await a.OfferAsync(id, note: "A's note.");
        await b.SubmitAsync($"/together/offers/{offerId}", new Dictionary<string, string>(), action: "handler=Open");

        var mine = await a.GetStringAsync("/journal/export.md");
        var theirs = await b.GetStringAsync("/journal/export.md");
        var json = await a.GetStringAsync("/journal/export.json");

        Assert.Contains("Offered by A. [left out]", mine);
        Assert.Contains("A's note.", mine);
        Assert.Contains("Offered by A. [left out]", json);
        Assert.DoesNotContain("Offered by A", theirs);
        Assert.DoesNotContain("A's note", theirs);
    }

    private AppDbContext Db() => _app.Services.CreateScope().ServiceProvider.GetRequiredService<AppDbContext>();
}
