using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Journal;

namespace TrustAgain.Web.Pages.Commitments;

public sealed class DeleteModel(CommitmentLedger ledger) : PageModel
{
    public Agreement Agreement { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await ledger.FindAsync(User.RequiredUserId(), id) is not { } agreement)
        {
            return NotFound();
        }
        Agreement = agreement;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var userId = User.RequiredUserId();
        if (await ledger.FindAsync(userId, id) is null || !await ledger.DeleteAsync(userId, id))
        {
            return NotFound();
        }
        return Redirect("/commitments");
    }
}
