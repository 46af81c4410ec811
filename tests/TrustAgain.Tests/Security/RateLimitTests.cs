using System.Net;

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
}
