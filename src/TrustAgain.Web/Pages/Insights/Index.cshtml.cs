using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Content;
using TrustAgain.Web.Data;
using TrustAgain.Web.Insights;
using TrustAgain.Web.Journal;

namespace TrustAgain.Web.Pages.Insights;

public sealed class IndexModel(CheckIns checkIns, AppDbContext db, GuideLibrary guide) : PageModel
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
        var done = await db.Progress.AsNoTracking().Where(p => p.UserId == userId)
            .Select(p => new { p.StepKey, p.CompletedAt }).ToListAsync();
        // Steps since removed from the guide have nothing to show, so they are left off the charts.
        var completed = done.Select(d => (Step: guide.FindStep(d.StepKey), d.CompletedAt))
            .Where(d => d.Step is not null).Select(d => (d.Step!, d.CompletedAt)).ToList();
        Timeline = TrustTimeline.From(Entries, completed);
        ByStep = TrustByStep.From(Entries, completed, guide);
    }

    public string StepTitle(string? stepKey) => stepKey is null ? "" : guide.FindStep(stepKey)?.Title ?? "";
}
