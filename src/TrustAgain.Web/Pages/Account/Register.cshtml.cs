using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Data;
using TrustAgain.Web.Security;

namespace TrustAgain.Web.Pages.Account;

// Asks only for the address and always answers "Check your inbox": whether an account exists is told only to the
// inbox itself, so this form cannot be used to find out who has an account.
[EnableRateLimiting(RateLimits.AccountForms)]
public sealed class RegisterModel(UserManager<AppUser> users, SignUpLinks links, Mailer mailer) : PageModel
{
    [BindProperty]
    public EmailInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (SignUpLinks.Normalise(Input.Email, users.Options.User.AllowedUserNameCharacters) is not { } address)
        {
            ModelState.AddModelError("Input.Email", "Enter one e-mail address like name@example.com, using only letters, digits and . _ - +");
            return Page();
        }
        Input.Email = address;
        // Both answers cost one lookup and one message, so neither the page nor its timing tells them apart.
        await mailer.SendAsync(address, await users.FindByEmailAsync(address) is not null
            ? AccountMail.AlreadyHasAnAccount(Link("/account/sign-in"), Link("/account/forgot-password"))
            : AccountMail.FinishSignUp(Link("/account/finish-sign-up?token=" + links.Token(new SignUpInvitation(address, ReturnUrl)))));
        Sent = true;
        return Page();
    }

    private string Link(string pathAndQuery) => mailer.Link(Request, pathAndQuery);

    public sealed class EmailInput
    {
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter an e-mail address like name@example.com.")]
        [StringLength(254)]
        [Display(Name = "E-mail address")]
        public string Email { get; set; } = "";
    }
}
