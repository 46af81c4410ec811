using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Content;
using TrustAgain.Web.Insights;
using TrustAgain.Web.Journal;
using TrustAgain.Web.TimeZones;

namespace TrustAgain.Web.Pages.Insights;

public sealed class IndexModel(CheckIns checkIns, JourneyProgress progress, GuideLibrary guide, PersonClock clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public IReadOnlyList<CheckInEntry> Entries { get; private set; } = [];

    public TrustTimeline Timeline { get; private set; } = null!;

    public TrustByStep ByStep { get; private set; } = null!;

    public int DamagedCount => Entries.Count(e => e.IsDamaged);

    public bool HasReadable => Entries.Any(e => !e.IsDamaged);

    public async Task OnGetAsync()
    {
        var userId = User.RequiredUserId();
        Entries = await checkIns.AllAsync(userId);
        var completed = await progress.CompletedStepsAsync(userId);
        Timeline = TrustTimeline.From(Entries, completed, clock.Zone);
        ByStep = TrustByStep.From(Entries, completed, guide);
    }

    public string StepTitle(string? stepKey) => stepKey is null ? "" : guide.FindStep(stepKey)?.Title ?? "";
}
