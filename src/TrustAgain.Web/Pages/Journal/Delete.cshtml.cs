using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Content;
using TrustAgain.Web.Journal;

namespace TrustAgain.Web.Pages.Journal;

public sealed class DeleteModel(ReflectionJournal journal, GuideLibrary guide) : PageModel
{
    public ReflectionEntry Entry { get; private set; } = null!;

    public string ReturnUrl { get; private set; } = "/journal";

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await journal.FindAsync(User.RequiredUserId(), id) is not { } entry)
        {
            return NotFound();
        }
        Entry = entry;
        ReturnUrl = guide.FindStep(entry.StepKey) is { } step ? guide.StepUrl(step) : "/journal";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var userId = User.RequiredUserId();
        if (await journal.FindAsync(userId, id) is not { } entry || !await journal.DeleteAsync(userId, id))
        {
            return NotFound();
        }
        // Back where the entry was, saying calmly what happened.
        return Redirect(guide.FindStep(entry.StepKey) is { } step && guide.JourneyOf(step) is not null
            ? guide.StepUrl(step) + "?deleted=true#reflections"
            : "/journal?deleted=true");
    }
}
