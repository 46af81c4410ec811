using Microsoft.AspNetCore.Mvc.RazorPages;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Journal;

namespace TrustAgain.Web.Pages.Journeys;

public sealed class IndexModel(JourneyProgress progress) : PageModel
{
    public IReadOnlyList<JourneyStatus> Journeys { get; private set; } = [];

    public async Task OnGetAsync() => Journeys = await progress.AllAsync(User.RequiredUserId());
}
