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
