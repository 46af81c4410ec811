using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrustAgain.Web.Content;

namespace TrustAgain.Web.Pages.Guide;

public sealed class SectionModel(GuideLibrary guide) : PageModel
{
    public GuideSection Section { get; private set; } = null!;

    public GuideSection? Previous { get; private set; }

    public GuideSection? Next { get; private set; }

    // The journey that walks through this section's steps, if there is one.
    public Journey? Journey { get; private set; }

    public IActionResult OnGet(string section)
    {
        if (guide.FindSection(section) is not { } found)
        {
            return NotFound();
        }
        Section = found;
        Previous = guide.PreviousSection(found);
        Next = guide.NextSection(found);
        Journey = guide.Journeys.FirstOrDefault(j => found.Steps.Count > 0 && j.Steps.Any(s => s.SectionKey == found.Key));
        return Page();
    }
}
