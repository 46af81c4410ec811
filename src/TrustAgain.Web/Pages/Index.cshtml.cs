using Microsoft.AspNetCore.Mvc.RazorPages;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Journal;

namespace TrustAgain.Web.Pages;

public sealed class IndexModel(JourneyProgress progress) : PageModel
{
    public JourneyStatus? Current { get; private set; }

    public async Task OnGetAsync()
    {
        if (User.UserId() is { } userId)
        {
            Current = await progress.CurrentAsync(userId);
        }
    }
}
