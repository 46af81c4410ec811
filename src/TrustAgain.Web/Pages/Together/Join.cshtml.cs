using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Journal;
using TrustAgain.Web.Security;

namespace TrustAgain.Web.Pages.Together;

[EnableRateLimiting(RateLimits.TogetherForms)]
public sealed class JoinModel(PairLinks links, SafetyChecks checks) : PageModel
{
    public const int MaxCodeLength = 40;

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    // The code is only ever posted, so it never reaches a URL or the browser's history.
    [BindProperty]
    public string? Code { get; set; }

    public InvitationLookup? Lookup { get; private set; }

    public bool Accepted { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Token is null)
        {
            return Page();
        }
        if (!await checks.IsCompletedAsync(User.RequiredUserId(), TogetherStatus.SafePairingKey))
        {
            return Redirect("/together/safe-pairing?returnUrl=" + Uri.EscapeDataString($"/together/join/{Token}"));
        }
        Lookup = await links.CheckTokenAsync(User.RequiredUserId(), Token);
        return Page();
    }

    // Every change here names its handler; a POST naming none has nothing to act on.
    public IActionResult OnPost() => NotFound();

    public async Task<IActionResult> OnPostCodeAsync()
    {
        if (string.IsNullOrWhiteSpace(Code) || Code.Length > MaxCodeLength)
        {
            ModelState.AddModelError(nameof(Code), "Enter the code you were given, like 7K2M-9QX4-HB3R.");
            return Page();
        }
        if (!await checks.IsCompletedAsync(User.RequiredUserId(), TogetherStatus.SafePairingKey))
        {
            return Redirect("/together/safe-pairing?returnUrl=/together/join");
        }
        Lookup = await links.CheckCodeAsync(User.RequiredUserId(), Code);
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync()
    {
        var userId = User.RequiredUserId();
        if (!await checks.IsCompletedAsync(userId, TogetherStatus.SafePairingKey) || Token is null && Code is null)
        {
            return Redirect("/together");
        }
        Lookup = await links.AcceptAsync(userId, Token, Code is { Length: <= MaxCodeLength } ? Code : null);
        Accepted = Lookup.Check == InvitationCheck.Valid;
        return Page();
    }
}
