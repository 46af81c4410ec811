using System.Net;

namespace TrustAgain.Tests.Privacy;

// Two people on one server: neither can ever see or change the other's data.
public sealed class OwnershipTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    public static TheoryData<string> PersonalPages =>
    [
        "/journeys", "/journeys/rebuilding-trust", JourneySteps.FirstStep, "/journal", "/journal/import",
        "/journal/export.json", "/journal/export.md", "/account", "/account/password", "/account/delete", "/account/sessions", "/account/two-factor",
        "/account/reminders", "/account/reminders?handler=Calendar",
        $"/journal/{Guid.NewGuid()}/edit", $"/journal/{Guid.NewGuid()}/delete",
        "/commitments", "/commitments/new", $"/commitments/{Guid.NewGuid()}", $"/commitments/{Guid.NewGuid()}/delete",
        "/journeys/forgiveness/safety-check",
        "/check-in", "/insights", "/insights/then-and-now", "/journal/summary", $"/journal?search={Guid.NewGuid():N}",
    ];

    [Theory]
    [MemberData(nameof(PersonalPages))]
    public async Task AnonymousVisitorIsSentToSignIn(string url)
    {
        var response = await _app.NewClient(followRedirects: false).GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-in", response.Headers.Location!.AbsolutePath);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(url), response.Headers.Location.Query);
    }

    [Fact]
    public async Task CannotOpenAnotherPersonsSearch()
    {
        var owner = await _app.RegisteredClientAsync();
        var other = await _app.RegisteredClientAsync();
        await owner.WriteAsync(JourneySteps.FirstStep, "Only mine to find.");
        var results = (await owner.SubmitAsync("/journal", new Dictionary<string, string> { ["q"] = "mine" })).RequestMessage!.RequestUri!.PathAndQuery;

        var response = await other.GetAsync(results);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Only mine to find.", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain("value=\"mine\"", await response.Content.ReadAsStringAsync());
        Assert.Equal(["Only mine to find."], await owner.ReflectionTextsAsync(results));
    }

    [Fact]
    public async Task CannotReadOrChangeAnotherPersonsReflection()
    {
        var owner = await _app.RegisteredClientAsync();
        var other = await _app.RegisteredClientAsync();
        var id = await owner.WriteReflectionAsync(JourneySteps.FirstStep, "Only mine to read.");
        var token = (await other.GetPageAsync("/journal")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var attempts = new[]
        {
            await other.GetAsync($"/journal/{id}/edit"),
            await other.GetAsync($"/journal/{id}/delete"),
            await other.PostAsync($"/journal/{id}/edit", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["Input.Text"] = "Overwritten by someone else.", ["Version"] = "1",
            })),
            await other.PostAsync($"/journal/{id}/delete", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })),
        };

        Assert.All(attempts, response => Assert.Equal(HttpStatusCode.NotFound, response.StatusCode));
        foreach (var response in attempts)
        {
            Assert.DoesNotContain("Only mine to read.", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(["Only mine to read."], await owner.ReflectionTextsAsync(JourneySteps.FirstStep));
        Assert.Empty(await other.ReflectionTextsAsync(JourneySteps.FirstStep));
        Assert.Empty(await other.ReflectionTextsAsync("/journal"));
    }

    [Fact]
    public async Task CannotReadOrChangeAnotherPersonsCommitment()
    {
        var owner = await _app.RegisteredClientAsync();
        var other = await _app.RegisteredClientAsync();
        var id = await owner.AgreeAsync("Our agreement, only mine to read.");
        await owner.LogAsync(id, "Kept", note: "My private note.");
        var token = (await other.GetPageAsync("/commitments/new")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var attempts = new[]
        {
            await other.GetAsync($"/commitments/{id}"),
            await other.GetAsync($"/commitments/{id}/delete"),
            await other.PostAsync($"/commitments/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["Log.Outcome"] = "Renegotiated", ["Log.On"] = CommitmentSteps.Day(0),
                ["Log.Note"] = "Logged by someone else.", ["Log.NewWording"] = "Reworded by someone else.",
            })),
            await other.PostAsync($"/commitments/{id}/delete", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })),
        };

        Assert.All(attempts, response => Assert.Equal(HttpStatusCode.NotFound, response.StatusCode));
        foreach (var response in attempts)
        {
            Assert.DoesNotContain("only mine to read", await response.Content.ReadAsStringAsync());
        }
        var page = await owner.GetPageAsync($"/commitments/{id}");
        Assert.Equal("Our agreement, only mine to read.", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(["Kept"], page.QuerySelectorAll(".record-entry .outcome").Select(o => o.TextContent));
        Assert.DoesNotContain("someone else", page.Text());
        Assert.Empty((await other.GetPageAsync("/commitments")).QuerySelectorAll(".commitment"));
    }

    [Fact]
    public async Task ExportsAndProgressContainOnlyMyOwnData()
    {
        var owner = await _app.RegisteredClientAsync();
        var other = await _app.RegisteredClientAsync();
        await owner.WriteAsync(JourneySteps.FirstStep, "Owner's secret words.");
        await owner.MarkDoneAsync(JourneySteps.FirstStep);
        await owner.CheckInAsync(3, 8, note: "Owner's secret check-in note.");
        await owner.AgreeAsync("Owner's secret agreement.");

        Assert.DoesNotContain("secret", await other.GetStringAsync("/journal/export.json"));
        Assert.DoesNotContain("secret", await other.GetStringAsync("/journal/export.md"));
        Assert.Contains("0 of 5 steps done", (await other.GetPageAsync("/journeys/rebuilding-trust")).Text());
        var ownExport = await owner.GetStringAsync("/journal/export.json");
        Assert.Contains("secret words", ownExport);
        Assert.Contains("secret check-in note", ownExport);
        Assert.Contains("secret agreement", ownExport);
    }

    [Fact]
    public async Task CheckInsInsightsAndThenAndNowShowOnlyMyOwnData()
    {
        var owner = await _app.RegisteredClientAsync();
        var other = await _app.RegisteredClientAsync();
        const string prompt = "What exactly happened, described as plainly as you can, without softening or exaggerating it?";
        await owner.MarkDoneAsync(JourneySteps.FirstStep);
        await owner.CheckInAsync(3, 8, ["numb"], "Owner's private check-in note.", "/check-in?step=acknowledge-the-breach");
        await owner.WriteAsync(JourneySteps.FirstStep, "Owner's first answer.", prompt);
        await owner.WriteAsync(JourneySteps.FirstStep, "Owner's second answer.", prompt);

        var otherInsights = await other.GetPageAsync("/insights");
        var otherThenAndNow = await other.GetPageAsync("/insights/then-and-now");
        var otherStep = await other.GetPageAsync(JourneySteps.FirstStep);

        Assert.Equal("No check-ins yet", otherInsights.QuerySelector("#empty-heading")!.TextContent);
        Assert.Empty(otherInsights.QuerySelectorAll(".check-in-entry"));
        Assert.Equal("Nothing to compare yet", otherThenAndNow.QuerySelector("#empty-heading")!.TextContent);
        foreach (var page in new[] { otherInsights, otherThenAndNow, otherStep })
        {
            Assert.DoesNotContain("Owner's", page.Source.Text);
        }
        Assert.Contains("Owner's private check-in note.", (await owner.GetPageAsync("/insights")).Text());
        Assert.Contains("Owner's second answer.", (await owner.GetPageAsync("/insights/then-and-now")).Text());
    }

    [Theory]
    [InlineData("/check-in")]
    [InlineData(JourneySteps.FirstStep + "?handler=Reflect")]
    [InlineData(JourneySteps.FirstStep + "?handler=Done")]
    [InlineData("/journal")]
    [InlineData("/journal/summary?handler=Summary")]
    [InlineData("/journal/summary?handler=Markdown")]
    [InlineData("/account/delete")]
    [InlineData("/account/reminders")]
    [InlineData("/account/sign-out")]
    public async Task APostWithoutAValidAntiforgeryTokenIsRefused(string url)
    {
        var client = await _app.RegisteredClientAsync();
        var otherSession = await _app.RegisteredClientAsync();
        var foreignToken = (await otherSession.GetPageAsync("/journal")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var withoutToken = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Text"] = "x", ["Password"] = People.Password }));
        var withForeignToken = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = foreignToken, ["Input.Text"] = "x", ["Password"] = People.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withForeignToken.StatusCode);
        Assert.Empty(await client.ReflectionTextsAsync("/journal"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account")).StatusCode);
    }

    [Fact]
    public async Task SignedInPagesAreNeverStoredByTheBrowser()
    {
        var client = await _app.RegisteredClientAsync();

        var response = await client.GetAsync("/journal");

        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task SignInNeverReturnsToAnotherSite()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        (await _app.RegisteredClientAsync(email)).Dispose();
        var client = _app.NewClient(followRedirects: false);

        var response = await client.SubmitAsync("/account/sign-in?ReturnUrl=https%3A%2F%2Fevil.example%2F", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = People.Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }
}
