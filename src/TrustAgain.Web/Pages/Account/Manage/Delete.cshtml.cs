using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Data;
using TrustAgain.Web.Encryption;
using TrustAgain.Web.Journal;
using TrustAgain.Web.Security;

namespace TrustAgain.Web.Pages.Account.Manage;

[EnableRateLimiting(RateLimits.AccountForms)]
public sealed class DeleteModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, PersonKeys keys, Mailer mailer, AppDbContext db,
    PairLinks links) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your password to confirm.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

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
        if (!await users.CheckPasswordAsync(user, Password))
        {
            ModelState.AddModelError(nameof(Password), "That is not your password. Nothing has been deleted.");
            return Page();
        }
        // A link with another person ends first, exactly as ending it from /together would: the pair's key and
        // everything offered in both directions go, and the other person is told only that the link has ended.
        // Everything personal goes with the user row (cascading foreign keys), and so does the wrapped data key;
        // no copy is left in the database files, the key cache or the mail folder.
        await links.ForgetAsync(user.Id);
        await users.DeleteAsync(user);
        await db.ForgetDeletedRowsAsync();
        keys.Forget(user.Id);
        mailer.DeletePickedUpMailTo(user.Email!);
        await signIn.SignOutAsync();
        Response.Headers["Clear-Site-Data"] = "\"cache\", \"storage\"";
        return LocalRedirect("/account/deleted");
    }
}
