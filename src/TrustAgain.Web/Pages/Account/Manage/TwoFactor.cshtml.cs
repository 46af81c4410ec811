using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Data;
using TrustAgain.Web.Security;

namespace TrustAgain.Web.Pages.Account.Manage;

[EnableRateLimiting(RateLimits.AccountForms)]
public sealed class TwoFactorModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    public bool IsEnabled { get; private set; }

    public string FormattedKey { get; private set; } = "";

    public string AuthenticatorUri { get; private set; } = "";

    public string QrCodeSvg { get; private set; } = "";

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    // The recovery codes as a plain-text file, for the download link (a data: address, so nothing is stored to serve it).
    public string RecoveryCodesFile =>
        "data:text/plain;charset=utf-8," + Uri.EscapeDataString(
            "TrustAgain recovery codes. Each works once, if you cannot use your authenticator app.\n\n" + string.Join("\n", RecoveryCodes) + "\n");

    public async Task<IActionResult> OnGetAsync() =>
        await users.GetUserAsync(User) is { } user ? await ShowAsync(user) : NotFound();

    // Creating a key writes to the account (and renews its security stamp), so it happens on a POST, never a GET.
    // While two-step sign-in is on, a new key would silently replace the one on the person's phone: it must be
    // turned off first, which needs the password.
    public async Task<IActionResult> OnPostStartAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            ModelState.AddModelError("", "Two-step sign-in is already on. To use another phone, turn it off first, then set it up again.");
            return await ShowAsync(user);
        }
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        return Redirect("/account/two-factor");
    }

    public async Task<IActionResult> OnPostEnableAsync(string? code)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }
        var token = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (await users.GetTwoFactorEnabledAsync(user)
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, token))
        {
            ModelState.AddModelError("", "That code doesn't match. Check the key was entered correctly, and that your phone's clock is right.");
            return await ShowAsync(user);
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []];
        await signIn.RefreshSignInAsync(user);
        IsEnabled = true;
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(string? password)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }
        // Turning protection off needs the password again, whoever is holding the signed-in device.
        if (!await users.CheckPasswordAsync(user, password ?? ""))
        {
            ModelState.AddModelError("", "That is not your password. Two-step sign-in is still on.");
            return await ShowAsync(user);
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        return Redirect("/account/two-factor");
    }

    private async Task<PageResult> ShowAsync(AppUser user)
    {
        IsEnabled = await users.GetTwoFactorEnabledAsync(user);
        if (!IsEnabled && await users.GetAuthenticatorKeyAsync(user) is { Length: > 0 } key)
        {
            FormattedKey = Format(key);
            AuthenticatorUri = $"otpauth://totp/TrustAgain:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer=TrustAgain&digits=6";
            QrCodeSvg = AuthenticatorQrCode.Svg(AuthenticatorUri);
        }
        return Page();
    }

    private static string Format(string key)
    {
        var formatted = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            formatted.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }
        return formatted.ToString().TrimEnd().ToLowerInvariant();
    }
}
