using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Security;

namespace TrustAgain.Web.Pages.Account;

[EnableRateLimiting(RateLimits.AccountForms)]
public sealed class SignInModel(AppSignInManager signIn, SecurityEvents events) : PageModel
{
    // The same words for an unknown e-mail and a wrong password, and for a paused account or address, so the form
    // does not reveal who has an account.
    public const string NoMatch = "That e-mail address and password don't match an account. Check them and try again.";
    public const string Paused = "Too many attempts. For your safety, signing in is paused for 15 minutes. You can reset your password meanwhile.";

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
        var (result, wasLockedOut, userId) = await signIn.SignInWithPasswordAsync(Input.Email, Input.Password, Input.RememberMe);
        if (result.Succeeded)
        {
            events.SignedIn(userId!);
            return LocalRedirect(Url.SafeReturnUrl(ReturnUrl));
        }
        if (result.RequiresTwoFactor)
        {
            return Redirect($"/account/sign-in/code?ReturnUrl={Uri.EscapeDataString(Url.SafeReturnUrl(ReturnUrl))}&RememberMe={Input.RememberMe}");
        }
        events.SignInRefused(result, wasLockedOut);
        ModelState.AddModelError("", result.IsLockedOut ? Paused : NoMatch);
        return Page();
    }

    // Options for a passkey the browser already holds (a discoverable credential): no e-mail address is asked for,
    // so the answer is the same whoever is asking.
    public async Task<IActionResult> OnPostPasskeyOptionsAsync() =>
        Content(await signIn.MakePasskeyRequestOptionsAsync(user: null), "application/json");

    // Every failure — no ceremony under way, a credential nobody holds, a forged answer — takes the same path and
    // gets the same words, so the answer says nothing about which credential ids exist.
    public async Task<IActionResult> OnPostPasskeyAsync(string? credentialJson)
    {
        // The password form's fields are not part of a passkey sign-in.
        ModelState.Clear();
        var result = await PasskeySignInAsync(credentialJson);
        if (result.Succeeded && await signIn.UserManager.FindByPasskeyIdAsync(PasskeyId(credentialJson)!) is { } user)
        {
            events.SignedIn(user.Id);
            return LocalRedirect(Url.SafeReturnUrl(ReturnUrl));
        }
        events.SignInRefused(result, wasLockedOut: result.IsLockedOut);
        ModelState.AddModelError("", result.IsLockedOut
            ? "Too many attempts. For your safety, signing in is paused for 15 minutes."
            : "That passkey didn't sign you in. Try again, or sign in with your e-mail address and password.");
        return Page();
    }

    // Identity throws when no ceremony was started in this browser (the options were never asked for, or the
    // answer came twice); that is a failed sign-in like any other, not a server error.
    private async Task<Microsoft.AspNetCore.Identity.SignInResult> PasskeySignInAsync(string? credentialJson)
    {
        if (PasskeyId(credentialJson) is null)
        {
            return Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }
        try
        {
            return await signIn.PasskeySignInAsync(credentialJson!);
        }
        catch (InvalidOperationException)
        {
            return Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }
    }

    // The credential id the browser sent (its "rawId"), to name the account in the security log.
    private static byte[]? PasskeyId(string? credentialJson)
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
