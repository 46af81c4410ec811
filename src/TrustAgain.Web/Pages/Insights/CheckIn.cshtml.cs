using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Content;
using TrustAgain.Web.Journal;
using TrustAgain.Web.Security;

namespace TrustAgain.Web.Pages.Insights;

[EnableRateLimiting(RateLimits.ReflectionSaves)]
public sealed class CheckInModel(CheckIns checkIns, GuideLibrary guide) : PageModel
{
    // The step just marked done, when the check-in was offered on its page. Travels as a query on the GET
    // and a hidden field on the POST; anything that is not a guide step is ignored.
    [BindProperty(SupportsGet = true, Name = "step")]
    public string? StepKey { get; set; }

    [BindProperty]
    public CheckInInput Input { get; set; } = new();

    public GuideStep? Step => StepKey is null ? null : guide.FindStep(StepKey);

    public string? StepUrl => Step is null ? null : guide.StepUrl(Step);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await checkIns.AddAsync(User.RequiredUserId(), Step?.Key, Input.ToAnswers());
        return Redirect("/insights?saved=true");
    }
}
