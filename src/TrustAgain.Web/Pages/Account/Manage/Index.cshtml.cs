using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrustAgain.Web.Data;

namespace TrustAgain.Web.Pages.Account.Manage;

public sealed class IndexModel(UserManager<AppUser> users) : PageModel
{
    public string Email { get; private set; } = "";

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
        return Page();
    }
}
