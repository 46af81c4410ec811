using Microsoft.AspNetCore.Mvc.RazorPages;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Content;
using TrustAgain.Web.Insights;

namespace TrustAgain.Web.Pages.Insights;

public sealed class ThenAndNowModel(ThenAndNow thenAndNow, GuideLibrary guide) : PageModel
{
    public IReadOnlyList<PromptHistory> Prompts { get; private set; } = [];

    public async Task OnGetAsync() => Prompts = await thenAndNow.AllAsync(User.RequiredUserId());

    public GuideStep? StepOf(PromptHistory history) => guide.FindStep(history.StepKey);

    public string StepUrl(GuideStep step) => guide.StepUrl(step);
}
