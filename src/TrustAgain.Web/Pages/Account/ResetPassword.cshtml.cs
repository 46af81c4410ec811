using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Data;
using TrustAgain.Web.Pages.Account.Manage;
using TrustAgain.Web.Security;

namespace TrustAgain.Web.Pages.Account;

// The page behind a mailed reset link. Someone who reset their password may be taking an account back, so the page
// also shows what else can sign in to it (passkeys, an authenticator app) and offers to remove them, and a reset
// ends every session and any lockout at once.
[EnableRateLimiting(RateLimits.AccountForms)]
public sealed class ResetPasswordModel(UserManager<AppUser> users, SessionList sessions) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public string UserId { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    [BindProperty]
    public NewPasswordInput Input { get; set; } = new();

    [BindProperty]
    public List<string> RemovePasskeys { get; set; } = [];

    [BindProperty]
    public bool TurnOffTwoFactor { get; set; }

    public IReadOnlyList<UserPasskeyInfo> Passkeys { get; private set; } = [];

    public bool TwoFactorIsOn { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LinkOwnerAsync() is null ? LinkNotValid() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LinkOwnerAsync() is not { } user)
        {
            return LinkNotValid();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await users.ResetPasswordAsync(user, DecodedToken, Input.Password);
        if (!result.Succeeded)
        {
            ModelState.AddIdentityErrors(result, "Input.Password");
            return Page();
        }
        await RemoveChosenSignInsAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await sessions.EndAllExceptAsync(user.Id, keep: null);
        return LocalRedirect("/account/sign-in?reset=true");
    }

    // The account the link is for, with what else signs in to it, or null when the link is not (or no longer) valid.
    private async Task<AppUser?> LinkOwnerAsync()
    {
        var user = string.IsNullOrEmpty(UserId) ? null : await users.FindByIdAsync(UserId);
        if (user is null || !await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider,
                UserManager<AppUser>.ResetPasswordTokenPurpose, DecodedToken))
        {
            return null;
        }
        Passkeys = [.. (await users.GetPasskeysAsync(user)).OrderBy(p => p.CreatedAt)];
        TwoFactorIsOn = await users.GetTwoFactorEnabledAsync(user);
        return user;
    }

    private async Task RemoveChosenSignInsAsync(AppUser user)
    {
        foreach (var passkey in Passkeys.Where(p => RemovePasskeys.Contains(PasskeysModel.IdOf(p))))
        {
            await users.RemovePasskeyAsync(user, passkey.CredentialId);
        }
        if (TurnOffTwoFactor && TwoFactorIsOn)
        {
            await users.SetTwoFactorEnabledAsync(user, false);
            await users.ResetAuthenticatorKeyAsync(user);
        }
    }

    private PageResult LinkNotValid()
    {
        ViewData["LinkNotValid"] = true;
        return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }

    private string DecodedToken
    {
        get
        {
            try
            {
                return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(Token));
            }
            catch (FormatException)
            {
                return "";
            }
        }
    }

    public sealed class NewPasswordInput
    {
        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(PasswordRules.MaxLength, MinimumLength = PasswordRules.MinLength, ErrorMessage = PasswordRules.LengthMessage)]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Type the password again.")]
        [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password again")]
        public string ConfirmPassword { get; set; } = "";
    }
}
