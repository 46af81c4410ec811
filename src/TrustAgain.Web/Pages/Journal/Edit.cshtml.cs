using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Content;
using TrustAgain.Web.Journal;
using TrustAgain.Web.Security;

namespace TrustAgain.Web.Pages.Journal;

[EnableRateLimiting(RateLimits.ReflectionSaves)]
public sealed class EditModel(ReflectionJournal journal, GuideLibrary guide) : PageModel
{
    [BindProperty]
    public ReflectionInput Input { get; set; } = new();

    // The version the person started editing from; a save from an older version is a conflict.
    [BindProperty]
    public int Version { get; set; }

    public string? Prompt { get; private set; }

    public string StepTitle { get; private set; } = "";

    public string StepUrl { get; private set; } = "/journal";

    public ReflectionEntry? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await journal.FindAsync(User.RequiredUserId(), id) is not { IsDamaged: false } entry)
        {
            return NotFound();
        }
        Describe(entry);
        Input.Text = entry.Text!;
        Version = entry.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var userId = User.RequiredUserId();
        if (await journal.FindAsync(userId, id) is not { } current)
        {
            return NotFound();
        }
        Describe(current);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        switch (await journal.UpdateAsync(userId, id, Version, Input.Text))
        {
            case SaveOutcome.Saved:
                return Redirect(StepUrl.Split('#')[0] + (StepUrl.StartsWith("/journeys", StringComparison.Ordinal) ? "?saved=true#reflections" : ""));
            case SaveOutcome.Conflict:
                // Show both versions; the next save is made knowingly over the newer one.
                Conflict = await journal.FindAsync(userId, id);
                Version = Conflict?.Version ?? Version;
                ModelState.Remove(nameof(Version));
                return Page();
            default:
                return NotFound();
        }
    }

    private void Describe(ReflectionEntry entry)
    {
        Prompt = entry.Prompt;
        var step = guide.FindStep(entry.StepKey);
        StepTitle = step?.Title ?? "A step no longer in the guide";
        StepUrl = step is null ? "/journal" : guide.StepUrl(step);
    }
}
