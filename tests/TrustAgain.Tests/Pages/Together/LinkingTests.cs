using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustAgain.Web.Data;

namespace TrustAgain.Tests.Pages.Together;

public sealed class LinkingTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly TestApp _app;

    public LinkingTests() => _app = new TestApp(services: services => services.AddSingleton<TimeProvider>(_clock));

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task NobodyCanInviteOrAcceptBeforeThePrivateQuestions()
    {
        var a = await _app.RegisteredClientAsync();

        Assert.Equal("/together", (await a.GetAsync("/together/invite")).RequestMessage!.RequestUri!.AbsolutePath);
        var together = await a.GetPageAsync("/together");
        Assert.NotNull(together.QuerySelector("main a[href='/together/safe-pairing']"));
        Assert.Null(together.QuerySelector("main a[href='/together/invite']"));
        Assert.NotNull(together.QuerySelector("main a[href='/guide/together']"));
    }

    [Fact]
    public async Task AWorryingAnswerSaysLinkingIsNotRecommendedAndTheAnswersAreNotKeptUnlessAsked()
    {
        var a = await _app.RegisteredClientAsync();

        var response = await a.SubmitAsync("/together/safe-pairing", new Dictionary<string, string>
        {
            ["Answers[afraid-of-them]"] = "Yes", ["Answers[pushed-to-share]"] = "No",
            ["Answers[threatened-or-hurt]"] = "No", ["Answers[fear-of-reaction]"] = "No",
        });

        var page = await response.ParseAsync();
        Assert.Equal("/together/safe-pairing", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("linking your accounts is not recommended right now", page.Text());
        Assert.NotNull(page.QuerySelector("section.safety-help"));
        // The person may still choose to go on.
        Assert.NotNull(page.QuerySelector("main a[href='/together']"));
        await using var db = Db();
        Assert.Null((await db.SafetyChecks.SingleAsync(c => c.JourneyKey == "together")).Answers);
    }

    [Fact]
    public async Task KeptAnswersAreStoredEncrypted()
    {
        var a = await _app.RegisteredClientAsync();

        await a.PassSafePairingAsync(keep: true);

        await using var db = Db();
        var kept = (await db.SafetyChecks.SingleAsync(c => c.JourneyKey == "together")).Answers!;
        Assert.DoesNotContain("afraid-of-them", System.Text.Encoding.UTF8.GetString(kept));
    }

    [Fact]
    public async Task NothingIsLinkedUntilTheInviterConfirmsThePersonWhoAccepted()
    {
        var a = await _app.RegisteredClientAsync("ana@example.com");
        var b = await _app.RegisteredClientAsync("ben@example.com");
        await a.PassSafePairingAsync();
        await b.PassSafePairingAsync();
        var (link, _) = await a.InviteAsync();

        var invitation = await b.GetPageAsync(link);
        Assert.Contains("ana@example.com invited you", invitation.Text());
        Assert.Contains("They will now see that it was you", await b.AcceptAsync(link));

        Assert.Null((await b.GetPageAsync("/together")).QuerySelector("#offers-heading"));
        var waiting = await a.GetPageAsync("/together");
        Assert.Contains("ben@example.com accepted it", waiting.Text());
        await using (var db = Db())
        {
            Assert.Equal(0, await db.PairMembers.CountAsync());
        }

        await a.ConfirmAsync();

        Assert.Contains("You are linked with ben@example.com", (await a.GetPageAsync("/together")).Text());
        Assert.Contains("You are linked with ana@example.com", (await b.GetPageAsync("/together")).Text());
    }

    [Fact]
    public async Task TheCodeWorksLikeTheLinkHoweverItIsTyped()
    {
        var a = await _app.RegisteredClientAsync("ana@example.com");
        var b = await _app.RegisteredClientAsync();
        await a.PassSafePairingAsync();
        await b.PassSafePairingAsync();
        var (_, code) = await a.InviteAsync();
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", code);

        var found = await (await b.SubmitAsync("/together/join", new Dictionary<string, string> { ["Code"] = " " + code.Replace("-", " ").ToLowerInvariant() + " " })).ParseAsync();
        Assert.Contains("ana@example.com invited you", found.Text());
        var form = found.QuerySelectorAll("main form").OfType<AngleSharp.Html.Dom.IHtmlFormElement>().Single(f => f.Action.Contains("handler=Accept", StringComparison.Ordinal));
        Assert.Contains("They will now see that it was you", (await (await b.SubmitAsync(form, "/together/join", new Dictionary<string, string>())).ParseAsync()).Text());
        await a.ConfirmAsync();

        Assert.Contains("You are linked with", (await b.GetPageAsync("/together")).Text());
    }

    [Fact]
    public async Task AWrongCodeFindsNothingAndChangesNothing()
    {
        var b = await _app.RegisteredClientAsync();
        await b.PassSafePairingAsync();

        var page = await (await b.SubmitAsync("/together/join", new Dictionary<string, string> { ["Code"] = "0000-0000-0000" })).ParseAsync();

        Assert.Contains("We could not find that invitation", page.Text());
        var empty = await (await b.SubmitAsync("/together/join", new Dictionary<string, string> { ["Code"] = "" })).ParseAsync();
        Assert.Contains("Enter the code you were given", empty.QuerySelector("#code-error")!.TextContent);
    }

    [Fact]
    public async Task AnInvitationUsedTwiceExpiredWithdrawnOrUsedByItsAuthorSaysWhichAndLinksNobody()
    {
        var a = await _app.RegisteredClientAsync();
        var b = await _app.RegisteredClientAsync();
        var c = await _app.RegisteredClientAsync();
        foreach (var person in new[] { a, b, c })
        {
            await person.PassSafePairingAsync();
        }

        var (own, _) = await a.InviteAsync();
        Assert.Contains("This is your own invitation", (await a.GetPageAsync(own)).Text());

        await b.AcceptAsync(own);
        Assert.Contains("already been used", (await c.GetPageAsync(own)).Text());
        Assert.Null((await c.GetPageAsync(own)).QuerySelector("form[action*='handler=Accept']"));

        var (withdrawn, _) = await a.InviteAsync();
        await a.SubmitAsync("/together", new Dictionary<string, string>(), action: "handler=Revoke");
        Assert.Contains("withdrawn by the person who made it", (await c.GetPageAsync(withdrawn)).Text());

        var (expired, _) = await a.InviteAsync();
        _clock.Advance(TimeSpan.FromHours(72));
        Assert.Contains("This invitation has expired", (await c.GetPageAsync(expired)).Text());

        await using var db = Db();
        Assert.Equal(0, await db.PairMembers.CountAsync());
    }

    [Fact]
    public async Task APersonAlreadyLinkedCannotAcceptAnotherInvitation()
    {
        var (a, b) = await _app.LinkedPairAsync();
        var c = await _app.RegisteredClientAsync();
        await c.PassSafePairingAsync();
        var (link, _) = await c.InviteAsync();

        Assert.Contains("You are already linked with someone", (await b.GetPageAsync(link)).Text());
        Assert.Equal("/together", (await a.GetAsync("/together/invite")).RequestMessage!.RequestUri!.AbsolutePath);
        await using var db = Db();
        Assert.Equal(2, await db.PairMembers.CountAsync());
    }

    [Fact]
    public async Task AnInviterWhoDoesNotKnowThePersonWhoAcceptedLinksNobody()
    {
        var a = await _app.RegisteredClientAsync();
        var stranger = await _app.RegisteredClientAsync();
        await a.PassSafePairingAsync();
        await stranger.PassSafePairingAsync();
        var (link, _) = await a.InviteAsync();
        await stranger.AcceptAsync(link);

        await a.SubmitAsync("/together", new Dictionary<string, string>(), action: "handler=Decline");

        Assert.DoesNotContain("You are linked", (await a.GetPageAsync("/together")).Text());
        Assert.DoesNotContain("You are linked", (await stranger.GetPageAsync("/together")).Text());
        await using var db = Db();
        Assert.Equal(0, await db.PairMembers.CountAsync());
    }

    [Fact]
    public async Task EndingTheLinkDeletesThePairKeyAndEveryOfferAndTellsTheOtherPersonOnlyThatItEnded()
    {
        var (a, b) = await _app.LinkedPairAsync();
        var fromA = await a.WriteReflectionAsync(JourneySteps.FirstStep, "From A.");
        var fromB = await b.WriteReflectionAsync(JourneySteps.FirstStep, "From B.");
        await a.OfferAsync(fromA);
        var offerFromB = await b.OfferAsync(fromB);

        var response = await a.SubmitAsync("/together/end", new Dictionary<string, string>());

        Assert.Contains("The link has ended", (await response.ParseAsync()).Text());
        await using (var db = Db())
        {
            Assert.Equal(0, await db.Pairs.CountAsync());
            Assert.Equal(0, await db.PairMembers.CountAsync());
            Assert.Equal(0, await db.Offers.CountAsync());
            Assert.Equal(0, await db.DisclosureEvents.CountAsync());
        }
        var bSees = await b.GetPageAsync("/together");
        Assert.Contains("The link with the other person has ended", bSees.Text());
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/together/offers/{offerFromB}")).StatusCode);
        Assert.Equal(["From B."], await b.ReflectionTextsAsync("/journal"));
        Assert.Equal(["From A."], await a.ReflectionTextsAsync("/journal"));
    }

    [Fact]
    public async Task DeletingAnAccountEndsItsLink()
    {
        var (a, b) = await _app.LinkedPairAsync();
        await a.OfferAsync(await a.WriteReflectionAsync(JourneySteps.FirstStep, "Soon gone."));

        await a.SubmitAsync("/account/delete", new Dictionary<string, string> { ["Password"] = People.Password });

        Assert.Contains("The link with the other person has ended", (await b.GetPageAsync("/together")).Text());
        await using var db = Db();
        Assert.Equal(0, await db.Pairs.CountAsync());
        Assert.Equal(0, await db.Offers.CountAsync());
        Assert.Equal(0, await db.PairInvitations.CountAsync());
    }

    private AppDbContext Db() => _app.Services.CreateScope().ServiceProvider.GetRequiredService<AppDbContext>();
}
