using System.Net;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using TrustAgain.Web.Data;

namespace TrustAgain.Tests.Pages.Account;

// A reset from a mailed link may be someone taking their account back: it shows what else signs in to the
// account and offers to remove it, ends the lockout and every session, and its link lasts an hour.
public sealed class ResetPasswordTests : IDisposable
{
    private const string NewPassword = "a brand new password";

    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AResetShowsPasskeysAndTwoStepSignInAndRemovesThoseChosen()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var client = await _app.RegisteredClientAsync(email);
        await TwoFactorTests.TurnOnAsync(client);
        await AddPasskeyAsync(email, "Someone else's key");
        await AddPasskeyAsync(email, "My own phone");

        var link = await ResetLinkAsync(email);
        var page = await _app.NewClient().GetPageAsync(link);

        var offered = page.QuerySelector("main [data-other-sign-ins]")!;
        Assert.Contains("These can also sign in to your account", offered.TextContent);
        Assert.Contains("Someone else's key", offered.TextContent);
        Assert.Contains("My own phone", offered.TextContent);
        var strangersKey = page.QuerySelectorAll("input[name=RemovePasskeys]")
            .Single(box => box.ParentElement!.TextContent.Contains("Someone else's key", StringComparison.Ordinal)).GetAttribute("value")!;
        await _app.NewClient().SubmitAsync(link, new Dictionary<string, string>
        {
            ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword, ["RemovePasskeys"] = strangersKey, ["TurnOffTwoFactor"] = "true",
        });

        using var scope = _app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        Assert.Equal(["My own phone"], (await users.GetPasskeysAsync(user)).Select(p => p.Name));
        Assert.False(await users.GetTwoFactorEnabledAsync(user));
        // With two-step sign-in off, the new password alone signs in.
        (await _app.SignedInClientAsync(email, NewPassword)).Dispose();
    }

    [Fact]
    public async Task ALinkThatIsNotValidShowsNothingAboutTheAccount()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        (await _app.RegisteredClientAsync(email)).Dispose();
        await AddPasskeyAsync(email, "Private key name");
        var link = await ResetLinkAsync(email);
        var forged = link[..link.IndexOf("token=", StringComparison.Ordinal)] + "token=" + WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes("forged"));

        var response = await _app.NewClient().GetAsync(forged);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = (await response.ParseAsync()).Text();
        Assert.Contains("This reset link has expired or was already used", text);
        Assert.DoesNotContain("Private key name", text);
    }

    [Fact]
    public async Task AResetEndsALockout()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        (await _app.RegisteredClientAsync(email)).Dispose();
        for (var i = 0; i < 5; i++)
        {
            await _app.NewClient().SubmitAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "wrong password" });
        }

        var link = await ResetLinkAsync(email);
        await _app.NewClient().SubmitAsync(link, new Dictionary<string, string> { ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword });

        (await _app.SignedInClientAsync(email, NewPassword)).Dispose();
    }

    [Fact]
    public async Task AResetLinkWorksForOneHour()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        (await _app.RegisteredClientAsync(email)).Dispose();
        await ResetLinkAsync(email);

        // Identity's reset token made by hand, as its provider makes it, so only its age differs.
        Assert.Equal(HttpStatusCode.OK, (await _app.NewClient().GetAsync(await LinkMadeAgoAsync(email, TimeSpan.FromMinutes(59)))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _app.NewClient().GetAsync(await LinkMadeAgoAsync(email, TimeSpan.FromMinutes(61)))).StatusCode);
    }

    private async Task<string> ResetLinkAsync(string email)
    {
        await _app.NewClient().SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });
        return MailPickup.LinkIn(MailPickup.NewestTo(_app.DataDirectory, email), "/account/reset-password");
    }

    private async Task<string> LinkMadeAgoAsync(string email, TimeSpan age)
    {
        using var scope = _app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        using var bytes = new MemoryStream();
        await using (var writer = new BinaryWriter(bytes, new UTF8Encoding(false, true), leaveOpen: true))
        {
            writer.Write((DateTimeOffset.UtcNow - age).UtcTicks);
            writer.Write(user.Id);
            writer.Write(UserManager<AppUser>.ResetPasswordTokenPurpose);
            writer.Write(await users.GetSecurityStampAsync(user));
        }
        var token = Convert.ToBase64String(_app.Services.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector("DataProtectorTokenProvider").Protect(bytes.ToArray()));
        return $"/account/reset-password?user={user.Id}&token={WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token))}";
    }

    private async Task AddPasskeyAsync(string email, string name)
    {
        using var scope = _app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var passkey = new UserPasskeyInfo(Guid.NewGuid().ToByteArray(), [1, 2, 3], DateTimeOffset.UtcNow, 0, ["internal"], true, false, false, [4], [5])
        {
            Name = name,
        };
        Assert.True((await users.AddOrUpdatePasskeyAsync((await users.FindByEmailAsync(email))!, passkey)).Succeeded);
    }
}
