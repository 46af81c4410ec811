using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Content;
using TrustAgain.Web.Journal;

namespace TrustAgain.Web.Pages.Journeys;

public sealed class JourneyModel(GuideLibrary guide, JourneyProgress progress) : PageModel
{
    public JourneyStatus Status { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string journey)
    {
        if (guide.FindJourney(journey) is not { } found)
        {
            return NotFound();
        }
        Status = await progress.ForAsync(User.RequiredUserId(), found);
        return Page();
    }
}
