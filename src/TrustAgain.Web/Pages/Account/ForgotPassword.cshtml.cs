using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Data;
using TrustAgain.Web.Security;

namespace TrustAgain.Web.Pages.Account;

[EnableRateLimiting(RateLimits.AccountForms)]
public sealed class ForgotPasswordModel(UserManager<AppUser> users, Mailer mailer) : PageModel
{
    [BindProperty]
    public EmailInput Input { get; set; } = new();

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
        if (await users.FindByEmailAsync(Input.Email) is { } user)
        {
            var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
            // The link names the account by id, never by e-mail address, so no address lands in a URL or log.
            var link = mailer.Link(Request, $"/account/reset-password?user={Uri.EscapeDataString(user.Id)}&token={token}");
            await mailer.SendAsync(user.Email!, "Choose a new TrustAgain password",
                $"Someone asked to reset the password of your TrustAgain account.\n\nTo choose a new password, open this link:\n{link}\n\n" +
                "If it wasn't you, ignore this message: your password stays as it is.");
        }
        // The same answer whether or not the address has an account.
        Sent = true;
        return Page();
    }

    public sealed class EmailInput
    {
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter an e-mail address like name@example.com.")]
        [Display(Name = "E-mail address")]
        public string Email { get; set; } = "";
    }
}
