using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TrustAgain.Tests.Pages.Guide;

public sealed class OutputCacheTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ASignedInPersonNeverGetsACachedAnonymousPageOrSomeoneElses()
    {
        var visitor = _app.NewClient();
        var anonymous = await visitor.GetPageAsync("/");
        Assert.NotNull(anonymous.QuerySelector("a[href='/account/register']"));

        var alice = await _app.RegisteredClientAsync();
        await alice.WriteAsync(JourneySteps.FirstStep, "Alice's words.");
        var alicesHome = await alice.GetPageAsync("/");
        Assert.Equal("Welcome back", alicesHome.QuerySelector("h1")!.TextContent);

        var bob = await _app.RegisteredClientAsync();
        var bobsHome = await bob.GetPageAsync("/");
        Assert.Null(bobsHome.QuerySelector("#welcome-back"));
        Assert.Null(bobsHome.QuerySelector("a[href='/account/register']"));
        Assert.NotNull(bobsHome.QuerySelector("form[action='/account/sign-out']"));

        var anonymousAgain = await visitor.GetPageAsync("/");
        Assert.Null(anonymousAgain.QuerySelector("#welcome-back"));
        Assert.Null(anonymousAgain.QuerySelector("form[action='/account/sign-out']"));
    }

    [Fact]
    public async Task GuidePagesAreServedFromTheCacheToVisitors()
    {
        var visitor = _app.NewClient();

        var first = await visitor.GetAsync("/guide/setting-boundaries");
        var second = await visitor.GetAsync("/guide/setting-boundaries");

        Assert.Null(first.Headers.Age);
        Assert.NotNull(second.Headers.Age);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ARequestCarryingASessionCookieIsNeverAnsweredFromTheCache()
    {
        await _app.NewClient().GetAsync("/guide/setting-boundaries");
        var cached = await _app.NewClient().GetAsync("/guide/setting-boundaries");
        Assert.NotNull(cached.Headers.Age);

        // The cache runs before the session is looked up, so it goes by the cookie alone, valid or not.
        var sessionCookie = _app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(IdentityConstants.ApplicationScheme).Cookie.Name;
        var withStaleCookie = new HttpRequestMessage(HttpMethod.Get, "/guide/setting-boundaries");
        withStaleCookie.Headers.Add("Cookie", $"{sessionCookie}=no-longer-a-session");
        var rendered = await _app.NewClient().SendAsync(withStaleCookie);
        Assert.Null(rendered.Headers.Age);

        var signedIn = await (await _app.RegisteredClientAsync()).GetAsync("/guide/setting-boundaries");
        Assert.Null(signedIn.Headers.Age);
        Assert.Contains("action=\"/account/sign-out\"", await signedIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
