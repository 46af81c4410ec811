using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Data;
using TrustAgain.Web.Security;

namespace TrustAgain.Web.Pages.Account;

[EnableRateLimiting(RateLimits.AccountForms)]
public sealed class SignInModel(SignInManager<AppUser> signIn, SecurityEvents events) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true, Name = "reset")]
    public bool PasswordWasReset { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await signIn.UserManager.FindByEmailAsync(Input.Email);
        var wasLockedOut = user is not null && await signIn.UserManager.IsLockedOutAsync(user);
        // The account found above is signed in directly, rather than looked up a second time by address.
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            events.SignedIn(user!.Id);
            return LocalRedirect(Url.SafeReturnUrl(ReturnUrl));
        }
        if (result.RequiresTwoFactor)
        {
            return Redirect($"/account/sign-in/code?ReturnUrl={Uri.EscapeDataString(Url.SafeReturnUrl(ReturnUrl))}&RememberMe={Input.RememberMe}");
        }
        // The attempt that locks an account is one event; attempts on a locked account are another.
        if (result.IsLockedOut && !wasLockedOut)
        {
            events.LockedOut();
        }
        else if (result.IsLockedOut)
        {
            events.SignInWhileLockedOut();
        }
        else
        {
            events.SignInFailed();
        }
        // The same words for an unknown e-mail and a wrong password, so the form does not reveal who has an account.
        ModelState.AddModelError("", result.IsLockedOut
            ? "Too many attempts. For your safety, signing in is paused for 15 minutes. You can reset your password meanwhile."
            : "That e-mail address and password don't match an account. Check them and try again.");
        return Page();
    }

    // Options for a passkey the browser already holds (a discoverable credential): no e-mail address is asked for,
    // so the answer is the same whoever is asking.
    public async Task<IActionResult> OnPostPasskeyOptionsAsync() =>
        Content(await signIn.MakePasskeyRequestOptionsAsync(user: null), "application/json");

    public async Task<IActionResult> OnPostPasskeyAsync(string? credentialJson)
    {
        // The password form's fields are not part of a passkey sign-in.
        ModelState.Clear();
        var user = PasskeyOwner(credentialJson) is { } credentialId
            ? await signIn.UserManager.FindByPasskeyIdAsync(credentialId)
            : null;
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasskeySignInAsync(credentialJson!);
        if (result.Succeeded)
        {
            events.SignedIn(user!.Id);
            return LocalRedirect(Url.SafeReturnUrl(ReturnUrl));
        }
        if (result.IsLockedOut)
        {
            events.SignInWhileLockedOut();
        }
        else
        {
            events.SignInFailed();
        }
        ModelState.AddModelError("", result.IsLockedOut
            ? "Too many attempts. For your safety, signing in is paused for 15 minutes."
            : "That passkey didn't sign you in. Try again, or sign in with your e-mail address and password.");
        return Page();
    }

    // The credential id the browser sent (its "rawId"), to name the account in the security log.
    private static byte[]? PasskeyOwner(string? credentialJson)
    {
        if (string.IsNullOrEmpty(credentialJson))
        {
            return null;
        }
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(credentialJson);
            return json.RootElement.TryGetProperty("rawId", out var rawId) && rawId.ValueKind == System.Text.Json.JsonValueKind.String
                ? Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(rawId.GetString()!)
                : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException)
        {
            return null;
        }
    }

    public sealed class SignInInput
    {
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [Display(Name = "E-mail address")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";

        public bool RememberMe { get; set; }
    }
}
