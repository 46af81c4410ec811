using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Data;

namespace TrustAgain.Tests.Pages.Account;

public sealed class SessionTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ACookieCopiedBeforeSignOutIsRejectedAfterIt()
    {
        var cookies = new CookieContainer();
        var client = _app.CreateDefaultClient(new CookieContainerHandler(cookies));
        await client.FinishSignUpAsync(await _app.SignUpLinkAsync($"{Guid.NewGuid():N}@example.com"));
        var copied = cookies.GetCookieHeader(new Uri("http://localhost"));
        Assert.Equal(HttpStatusCode.OK, (await Replay(copied)).StatusCode);

        await client.SubmitAsync("/account/sign-out", new Dictionary<string, string>());

        var replayed = await Replay(copied);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.Equal("/account/sign-in", replayed.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task ABrowsersRequestsWithinAMomentReadItsSessionFromTheDatabaseOnce()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var commands = new CommandLog();
        await using var app = new TestApp(services: services => services.AddSingleton<TimeProvider>(clock).AddSingleton<IInterceptor>(commands));
        var client = await app.RegisteredClientAsync();
        await client.GetAsync("/journal");
        commands.Clear();

        for (var page = 0; page < 3; page++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/journal")).StatusCode);
        }
        Assert.DoesNotContain(commands.Commands, ReadsASession);

        clock.Advance(DatabaseTicketStore.Freshness);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/journal")).StatusCode);
        Assert.Single(commands.Commands, ReadsASession);
    }

    [Fact]
    public async Task ASessionEndedByAnotherInstanceStopsWorkingHereWithinASecond()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new TestApp(services: services => services.AddSingleton<TimeProvider>(clock));
        var client = await app.RegisteredClientAsync();
        Assert.Equal("/journal", (await client.GetAsync("/journal")).RequestMessage!.RequestUri!.AbsolutePath);

        // Another instance signs this browser out: the row goes from the shared database, and this instance is not told.
        using (var scope = app.Services.CreateScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<AppDbContext>().Sessions.ExecuteDeleteAsync());
        }
        clock.Advance(DatabaseTicketStore.Freshness);

        Assert.True(DatabaseTicketStore.Freshness <= TimeSpan.FromSeconds(1));
        Assert.Equal("/account/sign-in", (await client.GetAsync("/journal")).RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task SigningOutEverywhereElseEndsTheOtherBrowsers()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var laptop = await _app.RegisteredClientAsync(email);
        var phone = await _app.SignedInClientAsync(email);

        var list = await laptop.GetPageAsync("/account/sessions");
        Assert.Equal(2, list.QuerySelectorAll("li.card").Length);
        Assert.Single(list.QuerySelectorAll("li.card h2"), h => h.TextContent.EndsWith("this device", StringComparison.Ordinal));

        var ended = await laptop.SubmitAsync("/account/sessions", new Dictionary<string, string>(), action: "handler=EndOthers");

        Assert.Contains("Signed out of 1 other session.", (await ended.ParseAsync()).Text());
        Assert.Equal("/account/sign-in", (await phone.GetAsync("/journal")).RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("/journal", (await laptop.GetAsync("/journal")).RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task ChangingThePasswordEndsOtherSessionsButNotThisOne()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var laptop = await _app.RegisteredClientAsync(email);
        var phone = await _app.SignedInClientAsync(email);

        await laptop.SubmitAsync("/account/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = People.Password,
            ["Input.NewPassword"] = "another long password",
            ["Input.ConfirmPassword"] = "another long password",
        });

        Assert.Equal("/account/sign-in", (await phone.GetAsync("/journal")).RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("/journal", (await laptop.GetAsync("/journal")).RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task NobodyCanEndSomeoneElsesSession()
    {
        var victim = await _app.RegisteredClientAsync();
        var other = await _app.RegisteredClientAsync();
        Guid victimSession;
        using (var scope = _app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            victimSession = (await db.Sessions.OrderBy(s => s.CreatedAt).FirstAsync()).Id;
        }
        var token = (await other.GetPageAsync("/account/sessions")).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? (await other.GetPageAsync("/journal")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await other.PostAsync("/account/sessions?handler=End", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id"] = victimSession.ToString(),
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("/journal", (await victim.GetAsync("/journal")).RequestMessage!.RequestUri!.AbsolutePath);
    }

    // A browser shared with someone who signed in on it and kept a copy of their cookie: whoever signs in next, and
    // however, gets a session of their own, and the kept copy never becomes theirs.
    [Theory]
    [InlineData("password")]
    [InlineData("authenticator code")]
    [InlineData("recovery code")]
    [InlineData("finishing sign-up")]
    [InlineData("after a password reset")]
    public async Task SigningInOnABrowserThatCarriesSomeoneElsesSessionNeverHandsThatSessionOver(string how)
    {
        var cookies = new CookieContainer();
        var laptop = _app.CreateDefaultClient(new RedirectHandler(), new CookieContainerHandler(cookies));
        await laptop.FinishSignUpAsync(await _app.SignUpLinkAsync($"{Guid.NewGuid():N}@example.com"));
        var keptCopy = cookies.GetCookieHeader(new Uri("http://localhost"));
        var victim = $"{Guid.NewGuid():N}@example.com";

        var elsewhere = await SignInAsync(laptop, victim, how);

        Assert.Contains(victim, (await laptop.GetPageAsync("/account")).Text());
        var replayed = await Replay(keptCopy);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.Equal("/account/sign-in", replayed.Headers.Location!.AbsolutePath);
        // The laptop's session is hers, listed among hers: signing out everywhere else from elsewhere ends it.
        await elsewhere.SubmitAsync("/account/sessions", new Dictionary<string, string>(), action: "handler=EndOthers");
        Assert.Equal("/account/sign-in", (await laptop.GetAsync("/journal")).RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task TheSessionStoreNeverGivesOnePersonsSessionToAnother()
    {
        var first = await _app.RegisteredClientAsync();
        var second = await _app.RegisteredClientAsync();
        var store = _app.Services.GetRequiredService<DatabaseTicketStore>();
        string[] ids;
        using (var scope = _app.Services.CreateScope())
        {
            ids = [.. await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.OrderBy(u => u.CreatedAt).Select(u => u.Id).ToListAsync()];
        }
        var firstSession = await store.StoreAsync(Ticket(ids[0]));

        await store.RenewAsync(firstSession, Ticket(ids[1]));

        Assert.Null(await store.RetrieveAsync(firstSession));
        Assert.Single(_app.Logs.Lines, line => line.Contains("Security event SessionHandOverRefused", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/journal")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/journal")).StatusCode);
    }

    [Fact]
    public async Task AResetPasswordEndsEverySessionAtOnce()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var laptop = await _app.RegisteredClientAsync(email);
        var phone = await _app.SignedInClientAsync(email);

        await ResetPasswordAsync(_app.NewClient(), email);

        Assert.Equal("/account/sign-in", (await phone.GetAsync("/journal")).RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("/account/sign-in", (await laptop.GetAsync("/journal")).RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task HoweverActiveASessionEndsThirtyDaysAfterSigningIn()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new TestApp(services: services => services.AddSingleton<TimeProvider>(clock));
        var client = await app.RegisteredClientAsync();

        // A visit a week keeps the session sliding (it ends after 14 days unused) up to its absolute limit.
        for (var day = 7; day <= 28; day += 7)
        {
            clock.Advance(TimeSpan.FromDays(7));
            Assert.Equal("/journal", (await client.GetAsync("/journal")).RequestMessage!.RequestUri!.AbsolutePath);
        }
        clock.Advance(TimeSpan.FromDays(2).Add(TimeSpan.FromMinutes(1)));

        Assert.Equal("/account/sign-in", (await client.GetAsync("/journal")).RequestMessage!.RequestUri!.AbsolutePath);
    }

    private static bool ReadsASession(string sql) =>
        sql.Contains("FROM \"Sessions\"", StringComparison.Ordinal) && sql.Contains("\"Ticket\"", StringComparison.Ordinal);

    private const string NewPassword = "a brand new password";

    // Signs `email` in on `browser` the way named, and returns another browser signed in as the same person.
    private async Task<HttpClient> SignInAsync(HttpClient browser, string email, string how)
    {
        if (how == "finishing sign-up")
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.FinishSignUpAsync(await _app.SignUpLinkAsync(email))).StatusCode);
            return await _app.SignedInClientAsync(email);
        }
        var setUp = await _app.RegisteredClientAsync(email);
        var secondStep = how is "authenticator code" or "recovery code" ? await TwoFactorTests.TurnOnAsync(setUp) : default;
        var password = People.Password;
        if (how == "after a password reset")
        {
            await ResetPasswordAsync(browser, email);
            password = NewPassword;
        }
        await browser.SubmitAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        if (how is "authenticator code" or "recovery code")
        {
            var code = how == "recovery code" ? secondStep.RecoveryCodes[0] : Totp.Code(secondStep.Key, DateTimeOffset.UtcNow.AddSeconds(30));
            await browser.SubmitAsync("/account/sign-in/code", new Dictionary<string, string> { ["code"] = code });
        }
        return how == "after a password reset" ? await _app.SignedInClientAsync(email, NewPassword) : setUp;
    }

    private async Task ResetPasswordAsync(HttpClient browser, string email)
    {
        await browser.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });
        var reset = await browser.SubmitAsync(MailPickup.LinkIn(MailPickup.NewestTo(_app.DataDirectory, email), "/account/reset-password"),
            new Dictionary<string, string> { ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword });
        Assert.Contains("Your password has been changed", (await reset.ParseAsync()).Text());
    }

    private static AuthenticationTicket Ticket(string userId) =>
        new(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], IdentityConstants.ApplicationScheme)),
            new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddDays(1) }, IdentityConstants.ApplicationScheme);

    private async Task<HttpResponseMessage> Replay(string cookieHeader)
    {
        var raw = _app.CreateDefaultClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/journal");
        request.Headers.Add("Cookie", cookieHeader);
        return await raw.SendAsync(request);
    }
}
