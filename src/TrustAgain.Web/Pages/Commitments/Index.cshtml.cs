using Microsoft.AspNetCore.Mvc.RazorPages;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Journal;
using TrustAgain.Web.Content;
using TrustAgain.Web.TimeZones;

namespace TrustAgain.Web.Pages.Commitments;

public sealed class IndexModel(CommitmentLedger ledger, GuideLibrary guide, PersonClock clock) : PageModel
{
    public IReadOnlyList<Agreement> Agreements { get; private set; } = [];

    public DateOnly Today => clock.Today;

    public string? StepTitle(Agreement agreement) =>
        agreement.StepKey is { } key ? guide.FindStep(key)?.Title : null;

    public async Task OnGetAsync() => Agreements = [.. (await ledger.AllAsync(User.RequiredUserId())).Reverse()];
}
