using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrustAgain.Web.Accounts;

namespace TrustAgain.Web.Pages.Account.Manage;

public sealed class SessionsModel(SessionList sessions) : PageModel
{
    public IReadOnlyList<SessionSummary> Sessions { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public int Ended { get; set; }

    public async Task OnGetAsync() =>
        Sessions = await sessions.ForAsync(User.RequiredUserId(), DatabaseTicketStore.CurrentSessionId(User));

    public async Task<IActionResult> OnPostEndAsync(Guid id) =>
        await sessions.EndAsync(User.RequiredUserId(), id) ? Redirect("/account/sessions?ended=1") : NotFound();

    public async Task<IActionResult> OnPostEndOthersAsync()
    {
        var ended = await sessions.EndAllExceptAsync(User.RequiredUserId(), DatabaseTicketStore.CurrentSessionId(User));
        return Redirect($"/account/sessions?ended={ended}");
    }
}
