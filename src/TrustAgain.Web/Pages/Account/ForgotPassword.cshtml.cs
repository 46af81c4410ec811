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
        // Both answers cost one lookup, one token and one message: a known address gets its reset link, an unknown
        // one is told that no account uses it.
        await mailer.SendAsync(Input.Email, await users.FindByEmailAsync(Input.Email) is { } user
            ? AccountMail.ResetPassword(Link($"/account/reset-password?user={Uri.EscapeDataString(user.Id)}&token={await ResetTokenAsync(user)}"))
            : AccountMail.NoAccountToReset(Link("/account/register")));
        // The same answer whether or not the address has an account.
        Sent = true;
        return Page();
    }

    // The link names the account by id, never by e-mail address, so no address lands in a URL or log.
    private async Task<string> ResetTokenAsync(AppUser user) =>
        WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));

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
