using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrustAgain.Web.Data;

namespace TrustAgain.Web.Pages.Account;

public sealed class SignOutModel(SignInManager<AppUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        // Ask the browser to drop anything it kept from the session: cached pages and local drafts.
        Response.Headers["Clear-Site-Data"] = "\"cache\", \"storage\"";
        return LocalRedirect("/account/signed-out");
    }
}
