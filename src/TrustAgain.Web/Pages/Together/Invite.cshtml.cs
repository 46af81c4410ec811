using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Journal;
using TrustAgain.Web.Security;

namespace TrustAgain.Web.Pages.Together;

[EnableRateLimiting(RateLimits.TogetherForms)]
public sealed class InviteModel(PairLinks links, SafetyChecks checks) : PageModel
{
    // Shown on the response to the POST only: the link and code are never stored, so they cannot be shown again.
    public NewInvitation? Created { get; private set; }

    public string Link => $"{Request.Scheme}://{Request.Host}/together/join/{Created!.Token}";

    public async Task<IActionResult> OnGetAsync() => await CanInviteAsync() ? Page() : Redirect("/together");

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await CanInviteAsync() || await links.InviteAsync(User.RequiredUserId()) is not { } created)
        {
            return Redirect("/together");
        }
        Created = created;
        return Page();
    }

    private async Task<bool> CanInviteAsync()
    {
        var userId = User.RequiredUserId();
        return await checks.IsCompletedAsync(userId, TogetherStatus.SafePairingKey) && !await links.IsLinkedAsync(userId);
    }
}
