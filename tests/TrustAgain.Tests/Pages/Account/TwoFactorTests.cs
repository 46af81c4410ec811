using System.Net;

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

        var right = await second.SubmitAsync("/account/sign-in/code", new Dictionary<string, string> { ["code"] = Totp.Code(key) });
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

    public static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> TurnOnAsync(HttpClient client)
    {
        var setup = await (await client.SubmitAsync("/account/two-factor", new Dictionary<string, string>(), action: "handler=Start")).ParseAsync();
        var key = setup.QuerySelector("#authenticator-key")!.TextContent;
        var enabled = await client.SubmitAsync("/account/two-factor", new Dictionary<string, string> { ["code"] = Totp.Code(key) }, action: "handler=Enable");
        var page = await enabled.ParseAsync();
        return (key, [.. page.QuerySelectorAll(".recovery-codes code").Select(c => c.TextContent)]);
    }
}
