using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Data;
using TrustAgain.Web.Security;

namespace TrustAgain.Web.Pages.Account;

// Asks only for the address and always answers "Check your inbox": whether an account exists is told only to the
// inbox itself, so this form cannot be used to find out who has an account.
[EnableRateLimiting(RateLimits.AccountForms)]
public sealed class RegisterModel(
    UserManager<AppUser> users, SignUpLinks links, Mailer mailer, IOptions<MailOptions> mail) : PageModel
{
    [BindProperty]
    public EmailInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Sent { get; private set; }

    public bool MailGoesToDataFolder => string.IsNullOrEmpty(mail.Value.SmtpHost);

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
        if (await users.FindByEmailAsync(address) is not null)
        {
            await mailer.SendAsync(address, "You already have a TrustAgain account",
                "Someone, probably you, tried to create a TrustAgain account with this address. It already has one.\n\n" +
                $"To sign in, open this link:\n{Link("/account/sign-in")}\n\n" +
                $"If you have forgotten your password, choose a new one here:\n{Link("/account/forgot-password")}\n\n" +
                "If it wasn't you, ignore this message: nothing has changed.");
        }
        else
        {
            var token = links.Token(new SignUpInvitation(address, ReturnUrl));
            await mailer.SendAsync(address, "Finish creating your TrustAgain account",
                $"To choose a password and finish creating your private TrustAgain account, open this link:\n{Link("/account/finish-sign-up?token=" + token)}\n\n" +
                "The link works for 24 hours. If it wasn't you, ignore this message: no account is created unless the link is used.");
        }
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
