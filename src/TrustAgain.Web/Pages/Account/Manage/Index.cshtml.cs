using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrustAgain.Web.Data;

namespace TrustAgain.Web.Pages.Account.Manage;

public sealed class IndexModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    public string Email { get; private set; } = "";

    public bool DiscreetTitle { get; private set; }

    [BindProperty(SupportsGet = true, Name = "changed")]
    public bool PasswordChanged { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }
        Email = user.Email ?? "";
        DiscreetTitle = user.DiscreetTitle;
        return Page();
    }

    public async Task<IActionResult> OnPostDiscreetAsync(bool discreet)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }
        user.DiscreetTitle = discreet;
        await users.UpdateAsync(user);
        // Re-issue the sign-in so every page sees the new preference straight away.
        await signIn.RefreshSignInAsync(user);
        return LocalRedirect("/account");
    }
}
