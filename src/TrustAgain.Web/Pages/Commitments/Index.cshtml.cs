using Microsoft.AspNetCore.Mvc.RazorPages;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Journal;
using TrustAgain.Web.Content;

namespace TrustAgain.Web.Pages.Commitments;

public sealed class IndexModel(CommitmentLedger ledger, GuideLibrary guide) : PageModel
{
    public IReadOnlyList<Agreement> Agreements { get; private set; } = [];

    public DateOnly Today => ledger.Today;

    public string? StepTitle(Agreement agreement) =>
        agreement.StepKey is { } key ? guide.FindStep(key)?.Title : null;

    public async Task OnGetAsync() => Agreements = [.. (await ledger.AllAsync(User.RequiredUserId())).Reverse()];
}
