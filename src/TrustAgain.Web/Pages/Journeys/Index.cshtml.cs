using Microsoft.AspNetCore.Mvc.RazorPages;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Journal;

namespace TrustAgain.Web.Pages.Journeys;

public sealed class IndexModel(JourneyProgress progress) : PageModel
{
    public IReadOnlyList<JourneyStatus> Journeys { get; private set; } = [];

    // Nothing marked done or written anywhere yet: the page says where to start, until the person begins.
    public bool IsNew => !Journeys.Any(j => j.Started);

    public async Task OnGetAsync() => Journeys = await progress.AllAsync(User.RequiredUserId());
}
