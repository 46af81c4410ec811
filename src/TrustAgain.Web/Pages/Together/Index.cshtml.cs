using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Journal;

namespace TrustAgain.Web.Pages.Together;

public sealed class IndexModel(PairLinks links, PartnerOffers offers, TogetherStatus status) : PageModel
{
    public TogetherView View { get; private set; } = null!;

    // Set after this person ended the link themselves, to say so on the page they land on.
    [BindProperty(SupportsGet = true)]
    public bool Ended { get; set; }

    public async Task OnGetAsync() => View = await status.ForAsync(User.RequiredUserId());

    // Every change here names its handler; a POST naming none has nothing to act on.
    public IActionResult OnPost() => NotFound();

    public async Task<IActionResult> OnPostRevokeAsync(Guid invitationId) =>
        await links.RevokeAsync(User.RequiredUserId(), invitationId) ? Redirect("/together") : NotFound();

    public async Task<IActionResult> OnPostConfirmAsync(Guid invitationId) =>
        await links.ConfirmAsync(User.RequiredUserId(), invitationId) ? Redirect("/together") : NotFound();

    public async Task<IActionResult> OnPostDeclineAsync(Guid invitationId) =>
        await links.DeclineAsync(User.RequiredUserId(), invitationId) ? Redirect("/together") : NotFound();

    public async Task<IActionResult> OnPostSharingAsync(bool shareFinishedSteps, bool shareCheckInTrend) =>
        await links.SetSharingAsync(User.RequiredUserId(), shareFinishedSteps, shareCheckInTrend) ? Redirect("/together") : NotFound();

    public async Task<IActionResult> OnPostDismissAsync()
    {
        await links.DismissEndedAsync(User.RequiredUserId());
        return Redirect("/together");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid offerId) =>
        await offers.WithdrawAsync(User.RequiredUserId(), offerId) ? Redirect("/together") : NotFound();
}
