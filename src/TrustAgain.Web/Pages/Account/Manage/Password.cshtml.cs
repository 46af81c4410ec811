using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Data;
using TrustAgain.Web.Security;

namespace TrustAgain.Web.Pages.Account.Manage;

[EnableRateLimiting(RateLimits.AccountForms)]
public sealed class PasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, SessionList sessions) : PageModel
{
    [BindProperty]
    public ChangePasswordInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }
        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            ModelState.AddIdentityErrors(result, "Input.NewPassword", currentPasswordField: "Input.CurrentPassword");
            return Page();
        }
        // A new password ends every other session at once; this one continues.
        await sessions.EndAllExceptAsync(user.Id, DatabaseTicketStore.CurrentSessionId(User));
        await signIn.RefreshSignInAsync(user);
        return LocalRedirect("/account?changed=true");
    }

    public sealed class ChangePasswordInput
    {
        [Required(ErrorMessage = "Enter your current password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Current password")]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Choose a new password.")]
        [StringLength(PasswordRules.MaxLength, MinimumLength = PasswordRules.MinLength, ErrorMessage = PasswordRules.LengthMessage)]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Type the new password again.")]
        [Compare(nameof(NewPassword), ErrorMessage = "The two passwords are not the same.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password again")]
        public string ConfirmPassword { get; set; } = "";
    }
}
