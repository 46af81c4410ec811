using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Journal;

namespace TrustAgain.Web.Pages.Together;

public sealed class EndModel(PairLinks links) : PageModel
{
    public async Task<IActionResult> OnGetAsync() => await links.IsLinkedAsync(User.RequiredUserId()) ? Page() : Redirect("/together");

    public async Task<IActionResult> OnPostAsync()
    {
        await links.EndAsync(User.RequiredUserId());
        return Redirect("/together?ended=true");
    }
}
