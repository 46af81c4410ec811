using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustAgain.Web.Data;

namespace TrustAgain.Tests.Pages.Account;

public sealed class TwoFactorTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task WithTwoStepSignInAPasswordAloneIsNotEnough()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var client = await _app.RegisteredClientAsync(email);
        var (key, recoveryCodes) = await TurnOnAsync(client);
        Assert.Equal(10, recoveryCodes.Count);

        var afterPassword = await _app.NewClient().SubmitAsync("/account/sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = People.Password,
        });
        Assert.Equal("/account/sign-in/code", afterPassword.RequestMessage!.RequestUri!.AbsolutePath);

        var second = _app.NewClient();
        await second.SubmitAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = People.Password });
        var wrong = await second.SubmitAsync("/account/sign-in/code", new Dictionary<string, string> { ["code"] = "000000" });
        Assert.Contains("doesn't match", (await wrong.ParseAsync()).Text());
        Assert.Equal("/account/sign-in", (await second.GetAsync("/journal")).RequestMessage!.RequestUri!.AbsolutePath);

        // The next step's code: the set-up just used this step's, and each code works once.
        var right = await second.SubmitAsync("/account/sign-in/code", new Dictionary<string, string> { ["code"] = Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)) });
        Assert.Equal("/", right.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/journal")).StatusCode);
        Assert.Equal("/journal", (await second.GetAsync("/journal")).RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task ARecoveryCodeWorksOnce()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var client = await _app.RegisteredClientAsync(email);
        var (_, recoveryCodes) = await TurnOnAsync(client);

        async Task<string> SignInWithRecoveryCode()
        {
            var browser = _app.NewClient();
            await browser.SubmitAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = People.Password });
            var response = await browser.SubmitAsync("/account/sign-in/code", new Dictionary<string, string> { ["code"] = recoveryCodes[0] });
            return response.RequestMessage!.RequestUri!.AbsolutePath;
        }

        Assert.Equal("/", await SignInWithRecoveryCode());
        Assert.Equal("/account/sign-in/code", await SignInWithRecoveryCode());
    }

    [Fact]
    public async Task TurningItOffNeedsThePassword()
    {
        var client = await _app.RegisteredClientAsync();
        var (oldKey, _) = await TurnOnAsync(client);

        var refused = await client.SubmitAsync("/account/two-factor", new Dictionary<string, string> { ["password"] = "not it" }, action: "handler=Disable");
        Assert.Contains("Two-step sign-in is still on.", (await refused.ParseAsync()).Text());

        var turnedOff = await client.SubmitAsync("/account/two-factor", new Dictionary<string, string> { ["password"] = People.Password }, action: "handler=Disable");
        // Off, with a fresh key ready for next time: the key on the old phone no longer works.
        var newKey = (await turnedOff.ParseAsync()).QuerySelector("#authenticator-key")!.TextContent;
        Assert.NotEqual(oldKey, newKey);
    }

    [Fact]
    public async Task EachAuthenticatorCodeWorksOnceAndOnlyWithinOneStepOfNow()
    {
        // The fake clock starts a second into a 30-second step, so "now" and "a step ago" are exact.
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds((DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30 * 30) + 1));
        await using var app = new TestApp(services: services => services.AddSingleton<TimeProvider>(clock));
        var email = $"{Guid.NewGuid():N}@example.com";
        var (key, _) = await TurnOnAsync(await app.RegisteredClientAsync(email), clock.GetUtcNow());
        clock.Advance(TimeSpan.FromSeconds(60));
        var now = clock.GetUtcNow();

        async Task<string> SignInWith(string code)
        {
            var browser = app.NewClient();
            await browser.SubmitAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = People.Password });
            var response = await browser.SubmitAsync("/account/sign-in/code", new Dictionary<string, string> { ["code"] = code });
            return response.RequestMessage!.RequestUri!.AbsolutePath;
        }

        Assert.Equal("/account/sign-in/code", await SignInWith(Totp.Code(key, now.AddSeconds(-60))));
        Assert.Equal("/account/sign-in/code", await SignInWith(Totp.Code(key, now.AddSeconds(60))));
        Assert.Equal("/", await SignInWith(Totp.Code(key, now.AddSeconds(-30))));
        Assert.Equal("/account/sign-in/code", await SignInWith(Totp.Code(key, now.AddSeconds(-30))));
        // An earlier step than one already accepted is refused too, even though it is within a step of now.
        Assert.Equal("/", await SignInWith(Totp.Code(key, now.AddSeconds(30))));
        Assert.Equal("/account/sign-in/code", await SignInWith(Totp.Code(key, now)));
        Assert.Equal(2, app.Logs.Lines.Count(line => line.Contains("Security event TwoFactorCodeReused", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TheAuthenticatorKeyAndRecoveryCodesAreNeverStoredInTheClear()
    {
        var client = await _app.RegisteredClientAsync();
        var (key, recoveryCodes) = await TurnOnAsync(client);

        using var scope = _app.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<AppDbContext>().UserTokens.AsNoTracking().Select(t => t.Value ?? "").ToListAsync();
        var rawKey = key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        Assert.Equal(2, stored.Count);
        Assert.All(stored, value =>
        {
            Assert.DoesNotContain(rawKey, value.ToUpperInvariant(), StringComparison.Ordinal);
            Assert.All(recoveryCodes, code => Assert.DoesNotContain(code, value, StringComparison.OrdinalIgnoreCase));
        });
        // Still usable: the sealed key signs in (TwoFactorTests' other specs) and a hashed recovery code works.
        var browser = _app.NewClient();
        var email = (await client.GetPageAsync("/account")).QuerySelector("section.card p")!.TextContent.Trim();
        await browser.SubmitAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = People.Password });
        var signedIn = await browser.SubmitAsync("/account/sign-in/code", new Dictionary<string, string> { ["code"] = recoveryCodes[3].ToLowerInvariant() });
        Assert.Equal("/", signedIn.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task WhileItIsOnStartingAgainDoesNotReplaceTheKey()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var client = await _app.RegisteredClientAsync(email);
        var (key, _) = await TurnOnAsync(client);

        // The page no longer offers "Start" while it is on; a form posted anyway (another tab, or by hand) is refused.
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)(await client.GetPageAsync("/account/two-factor")).QuerySelector("main form")!;
        form.SetAttribute("action", "/account/two-factor?handler=Start");
        var start = await client.SubmitAsync(form, "/account/two-factor", new Dictionary<string, string>());

        Assert.Contains("Two-step sign-in is already on", (await start.ParseAsync()).Text());
        var browser = _app.NewClient();
        await browser.SubmitAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = People.Password });
        // The phone's key still works: a code of the next step (the set-up used this one) signs in.
        var signedIn = await browser.SubmitAsync("/account/sign-in/code", new Dictionary<string, string> { ["code"] = Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)) });
        Assert.Equal("/", signedIn.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task SetUpShowsAScannableCodeAndTheRecoveryCodesCanBeDownloaded()
    {
        var client = await _app.RegisteredClientAsync();
        var setup = await (await PostStartAsync(client)).ParseAsync();

        var svg = setup.QuerySelector("main figure.qr-code svg");
        Assert.NotNull(svg);
        Assert.NotEmpty(svg.QuerySelectorAll("path"));
        Assert.DoesNotContain(setup.QuerySelectorAll("main svg *"), element => element.HasAttribute("style"));
        var key = setup.QuerySelector("#authenticator-key")!.TextContent;
        var enabled = await (await client.SubmitAsync("/account/two-factor", new Dictionary<string, string> { ["code"] = Totp.Code(key) }, action: "handler=Enable")).ParseAsync();

        var codes = enabled.QuerySelectorAll(".recovery-codes code").Select(c => c.TextContent).ToList();
        var download = enabled.QuerySelector("main a[download]")!;
        Assert.Equal("trustagain-recovery-codes.txt", download.GetAttribute("download"));
        var file = Uri.UnescapeDataString(download.GetAttribute("href")!["data:text/plain;charset=utf-8,".Length..]);
        Assert.All(codes, code => Assert.Contains(code, file, StringComparison.Ordinal));
        Assert.NotNull(enabled.QuerySelector("main [data-copy][hidden]"));
        Assert.NotNull(enabled.QuerySelector("main [data-print][hidden]"));
        Assert.Equal("Done", enabled.QuerySelector("main a[data-done]")!.TextContent);
    }

    private static Task<HttpResponseMessage> PostStartAsync(HttpClient client) =>
        client.SubmitAsync("/account/two-factor", new Dictionary<string, string>(), action: "handler=Start");

    public static Task<(string Key, IReadOnlyList<string> RecoveryCodes)> TurnOnAsync(HttpClient client) => TurnOnAsync(client, DateTimeOffset.UtcNow);

    public static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> TurnOnAsync(HttpClient client, DateTimeOffset now)
    {
        var setup = await (await client.SubmitAsync("/account/two-factor", new Dictionary<string, string>(), action: "handler=Start")).ParseAsync();
        var key = setup.QuerySelector("#authenticator-key")!.TextContent;
        var enabled = await client.SubmitAsync("/account/two-factor", new Dictionary<string, string> { ["code"] = Totp.Code(key, now) }, action: "handler=Enable");
        var page = await enabled.ParseAsync();
        return (key, [.. page.QuerySelectorAll(".recovery-codes code").Select(c => c.TextContent)]);
    }
}
