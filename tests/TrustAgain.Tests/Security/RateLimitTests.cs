using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustAgain.Web.Data;

namespace TrustAgain.Tests.Security;

public sealed class RateLimitTests
{
    [Fact]
    public async Task TooManySignInAttemptsFromOneAddressAreAnswered429WithRetryAfter()
    {
        await using var app = new TestApp(settings: new Dictionary<string, string> { ["TrustAgain:RateLimits:AccountFormsPerMinute"] = "3" });
        var client = app.NewClient();
        var attempt = new Dictionary<string, string> { ["Input.Email"] = "someone@example.com", ["Input.Password"] = "not the password" };

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SubmitAsync("/account/sign-in", attempt)).StatusCode);
        }
        var limited = await client.SubmitAsync("/account/sign-in", attempt);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("Please wait a moment", (await limited.ParseAsync()).QuerySelector("h1")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/sign-in")).StatusCode);
        Assert.Single(app.Logs.Lines, line => line.Contains("RateLimited", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SavingReflectionsIsLimitedPerPerson()
    {
        await using var app = new TestApp(settings: new Dictionary<string, string> { ["TrustAgain:RateLimits:ReflectionSavesPerMinute"] = "2" });
        var writer = await app.RegisteredClientAsync();
        var other = await app.RegisteredClientAsync();

        await writer.WriteAsync(JourneySteps.FirstStep, "One.");
        await writer.WriteAsync(JourneySteps.FirstStep, "Two.");
        var third = await writer.WriteAsync(JourneySteps.FirstStep, "Three.");

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.WriteAsync(JourneySteps.FirstStep, "Someone else's first.")).StatusCode);
        Assert.Equal(["Two.", "One."], await writer.ReflectionTextsAsync(JourneySteps.FirstStep));
    }

    [Fact]
    public async Task SearchingSummarisingAndImportingAreLimitedPerPerson()
    {
        await using var app = new TestApp(settings: new Dictionary<string, string> { ["TrustAgain:RateLimits:ExpensiveRequestsPerMinute"] = "3" });
        var searcher = await app.RegisteredClientAsync();
        var other = await app.RegisteredClientAsync();
        var token = (await searcher.GetPageAsync("/journal")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        Task<HttpResponseMessage> Post(HttpClient client, string url, string antiforgery) =>
            client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["q"] = "anything", ["__RequestVerificationToken"] = antiforgery }));

        Assert.Equal(HttpStatusCode.OK, (await Post(searcher, "/journal", token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(searcher, "/journal/summary?handler=Summary", token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(searcher, "/journal/import", token)).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await Post(searcher, "/journal", token)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Post(searcher, "/journal/summary?handler=Summary", token)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Post(searcher, "/journal/import", token)).StatusCode);
        var otherToken = (await other.GetPageAsync("/journal")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.OK, (await Post(other, "/journal", otherToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await searcher.GetAsync("/journal")).StatusCode);
    }

    [Fact]
    public async Task MakingInvitationsIsLimitedPerPersonAndALimitedRequestMakesNoInvitation()
    {
        await using var app = TogetherApp(perMinute: 2);
        var inviter = await app.RegisteredClientAsync();
        var other = await app.RegisteredClientAsync();
        await inviter.PassSafePairingAsync();
        await other.PassSafePairingAsync();
        await inviter.InviteAsync();
        await inviter.InviteAsync();

        var limited = await inviter.SubmitAsync("/together/invite", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Null((await limited.ParseAsync()).QuerySelector(".code"));
        await other.InviteAsync();
        await using var db = Db(app);
        // The inviter's second invitation withdrew the first; had the limited third gone through it would have
        // withdrawn the second and added a fourth row.
        Assert.Equal(3, await db.PairInvitations.CountAsync());
        Assert.Equal(2, await db.PairInvitations.CountAsync(i => i.State == InvitationState.Open));
    }

    [Fact]
    public async Task EnteringCodesIsLimitedPerPersonAndALimitedAcceptanceLinksNobody()
    {
        await using var app = TogetherApp(perMinute: 2);
        var inviter = await app.RegisteredClientAsync();
        var guesser = await app.RegisteredClientAsync();
        await inviter.PassSafePairingAsync();
        await guesser.PassSafePairingAsync();
        var (_, code) = await inviter.InviteAsync();

        Assert.Equal(HttpStatusCode.OK, (await guesser.SubmitAsync("/together/join", new Dictionary<string, string> { ["Code"] = "0000-0000-0000" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await guesser.SubmitAsync("/together/join", new Dictionary<string, string> { ["Code"] = "1111-1111-1111" })).StatusCode);
        var lookup = await guesser.SubmitAsync("/together/join", new Dictionary<string, string> { ["Code"] = code });
        var token = (await guesser.GetPageAsync("/together/join")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var accept = await guesser.PostAsync("/together/join?handler=Accept",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Code"] = code, ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.TooManyRequests, lookup.StatusCode);
        Assert.DoesNotContain("invited you", (await lookup.ParseAsync()).Text());
        Assert.Equal(HttpStatusCode.TooManyRequests, accept.StatusCode);
        Assert.DoesNotContain("accepted it", (await inviter.GetPageAsync("/together")).Text());
        await using var db = Db(app);
        Assert.Equal(InvitationState.Open, (await db.PairInvitations.SingleAsync()).State);
    }

    [Fact]
    public async Task OfferingIsLimitedPerPersonAndALimitedOfferSendsNothing()
    {
        // Three together forms each: A's invitation and two offers, B's acceptance and two more.
        await using var app = TogetherApp(perMinute: 3);
        var (a, b) = await app.LinkedPairAsync();
        var reflection = await a.WriteReflectionAsync(JourneySteps.FirstStep, "Something to share.");
        await a.OfferAsync(reflection, note: "First.");
        await a.OfferAsync(reflection, note: "Second.");

        var limited = await a.SubmitAsync($"/journal/{reflection}/offer", new Dictionary<string, string> { ["Pushed"] = "No", ["Expiry"] = "Week", ["Note"] = "Third." });

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(2, (await b.OfferIdsAsync()).Count);
        await using var db = Db(app);
        Assert.Equal(2, await db.Offers.CountAsync());
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync($"/journal/{reflection}/offer")).StatusCode);
    }

    private static TestApp TogetherApp(int perMinute) =>
        new(settings: new Dictionary<string, string>
        {
            ["TrustAgain:RateLimits:TogetherFormsPerMinute"] = perMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    private static AppDbContext Db(TestApp app) => app.Services.CreateScope().ServiceProvider.GetRequiredService<AppDbContext>();
}
