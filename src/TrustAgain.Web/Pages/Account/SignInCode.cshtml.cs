using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Data;
using TrustAgain.Web.Security;

namespace TrustAgain.Web.Pages.Account;

// The second step of signing in, for people who turned on two-step sign-in.
[EnableRateLimiting(RateLimits.AccountForms)]
public sealed class SignInCodeModel(SignInManager<AppUser> signIn, SecurityEvents events) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? Redirect("/account/sign-in") : Page();

    public async Task<IActionResult> OnPostAsync(string? code)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return Redirect("/account/sign-in");
        }
        var wasLockedOut = await signIn.UserManager.IsLockedOutAsync(user);
        var entered = (code ?? "").Replace(" ", "", StringComparison.Ordinal);
        var result = entered.Length == 6 && entered.All(char.IsAsciiDigit)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(entered, RememberMe, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(entered);
        if (result.Succeeded)
        {
            events.SignedIn(user.Id);
            return LocalRedirect(Url.SafeReturnUrl(ReturnUrl));
        }
        events.SignInRefused(result, wasLockedOut);
        ModelState.AddModelError("", result.IsLockedOut
            ? "Too many attempts. For your safety, signing in is paused for 15 minutes."
            : "That code doesn't match. Codes change every 30 seconds — try the one showing now.");
        return Page();
    }
}
