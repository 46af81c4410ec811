using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Data;
using TrustAgain.Web.Security;

namespace TrustAgain.Web.Pages.Account.Manage;

// The e-mail address is how an account is signed in to and recovered, so changing it needs the password again,
// and the old address is told — if someone else made the change, its owner learns of it.
[EnableRateLimiting(RateLimits.AccountForms)]
public sealed class EmailModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, Mailer mailer) : PageModel
{
    [BindProperty]
    public ChangeEmailInput Input { get; set; } = new();

    public string CurrentEmail { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }
        CurrentEmail = user.Email!;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }
        CurrentEmail = user.Email!;
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (!await users.CheckPasswordAsync(user, Input.Password))
        {
            ModelState.AddModelError("Input.Password", "That is not your password.");
            return Page();
        }
        var newEmail = Input.NewEmail.Trim();
        if (string.Equals(newEmail, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError("Input.NewEmail", "That is already your e-mail address.");
            return Page();
        }
        var oldEmail = user.Email!;
        user.Email = newEmail;
        user.UserName = newEmail;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            ModelState.AddModelError("Input.NewEmail", result.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName")
                ? "That address can't be used for a TrustAgain account. Choose another."
                : "That address can't be used. Check it and try again.");
            return Page();
        }
        await mailer.SendAsync(oldEmail, "Your TrustAgain e-mail address was changed",
            "The e-mail address of your TrustAgain account was just changed, and this address no longer signs in to it.\r\n\r\n" +
            "If that was you, there is nothing more to do. If it wasn't, someone knows your password: " +
            "reply to this message or contact us so we can help you get the account back.");
        await signIn.RefreshSignInAsync(user);
        return LocalRedirect("/account?emailChanged=true");
    }

    public sealed class ChangeEmailInput
    {
        [Required(ErrorMessage = "Enter the new e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter an e-mail address like name@example.com.")]
        [StringLength(256, ErrorMessage = "That address is too long.")]
        [Display(Name = "New e-mail address")]
        public string NewEmail { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Your password")]
        public string Password { get; set; } = "";
    }
}
