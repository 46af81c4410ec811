using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Data;
using TrustAgain.Web.Security;

namespace TrustAgain.Web.Pages.Account.Manage;

// The e-mail address is how an account is signed in to and recovered, so changing it needs the password again and
// the new address must confirm it (see EmailChanges). The answer is the same whether or not the new address has an
// account of its own: only its inbox is told which.
[EnableRateLimiting(RateLimits.AccountForms)]
public sealed class EmailModel(UserManager<AppUser> users, EmailChanges changes, Mailer mailer) : PageModel
{
    [BindProperty]
    public ChangeEmailInput Input { get; set; } = new();

    public string CurrentEmail { get; private set; } = "";

    public bool Sent { get; private set; }

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
        if (await RefusalAsync(user) is { } refusal)
        {
            ModelState.AddModelError(refusal.Field, refusal.Message);
            return Page();
        }
        var newEmail = Input.NewEmail;
        // Both answers cost one lookup and one message, so neither the page nor its timing tells them apart.
        await mailer.SendAsync(newEmail, await users.FindByEmailAsync(newEmail) is not null
            ? AccountMail.AddressAlreadyInUse(mailer.Link(Request, "/account/sign-in"))
            : AccountMail.ConfirmNewAddress(mailer.Link(Request, "/account/email/confirm?token=" + await changes.TokenAsync(user, newEmail))));
        Sent = true;
        return Page();
    }

    private async Task<(string Field, string Message)?> RefusalAsync(AppUser user)
    {
        if (!await users.CheckPasswordAsync(user, Input.Password))
        {
            return ("Input.Password", "That is not your password.");
        }
        if (SignUpLinks.Normalise(Input.NewEmail, users.Options.User.AllowedUserNameCharacters) is not { } address)
        {
            return ("Input.NewEmail", "Enter one e-mail address like name@example.com, using only letters, digits and . _ - +");
        }
        Input.NewEmail = address;
        return string.Equals(address, user.Email, StringComparison.OrdinalIgnoreCase)
            ? ("Input.NewEmail", "That is already your e-mail address.")
            : null;
    }

    public sealed class ChangeEmailInput
    {
        [Required(ErrorMessage = "Enter the new e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter an e-mail address like name@example.com.")]
        [StringLength(254, ErrorMessage = "That address is too long.")]
        [Display(Name = "New e-mail address")]
        public string NewEmail { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Your password")]
        public string Password { get; set; } = "";
    }
}
