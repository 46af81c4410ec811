using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Content;
using TrustAgain.Web.Journal;

namespace TrustAgain.Web.Pages.Together;

// One offer. For the reader it stays sealed, showing only that something was offered and until when, until they
// choose "Open now"; "Not ready yet" changes nothing. The author sees what they sent and can withdraw it.
public sealed class OfferModel(PartnerOffers offers, GuideLibrary guide) : PageModel
{
    public OfferView Offer { get; private set; } = null!;

    public string StepTitle => guide.FindStep(Offer.StepKey)?.Title ?? "A step no longer in the guide";

    public bool NotReady { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await FindAsync(id) ? Page() : NotFound();

    // Every change here names its handler; a POST naming none has nothing to act on.
    public IActionResult OnPost() => NotFound();

    public async Task<IActionResult> OnPostOpenAsync(Guid id) =>
        await offers.OpenAsync(User.RequiredUserId(), id) ? Redirect($"/together/offers/{id}") : NotFound();

    public async Task<IActionResult> OnPostNotReadyAsync(Guid id)
    {
        if (!await FindAsync(id) || Offer.IsMine)
        {
            return NotFound();
        }
        NotReady = true;
        return Page();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id) =>
        await offers.WithdrawAsync(User.RequiredUserId(), id) ? Redirect("/together?withdrawn=true") : NotFound();

    private async Task<bool> FindAsync(Guid id)
    {
        if (await offers.FindAsync(User.RequiredUserId(), id) is not { } offer)
        {
            return false;
        }
        Offer = offer;
        return true;
    }
}
