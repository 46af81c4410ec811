using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Content;
using TrustAgain.Web.Journal;

namespace TrustAgain.Web.Pages.Together;

public sealed class SafePairingModel(GuideLibrary guide, SafetyChecks checks) : PageModel
{
    [BindProperty]
    public Dictionary<string, string> Answers { get; set; } = [];

    [BindProperty]
    public bool KeepAnswers { get; set; }

    // Where to go on afterwards: the invitation the person was opening, or /together.
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool ShowHelp { get; private set; }

    public IReadOnlyList<PartnerQuestion> Questions => guide.PartnerTexts.Questions;

    public string ContinueUrl => Url.SafeReturnUrl(ReturnUrl) is var url && url.StartsWith("/together", StringComparison.Ordinal) ? url : "/together";

    public void OnGet()
    {
    }

    // Worrying answers are answered on this response, never by a redirect, so they never reach a URL or history.
    public async Task<IActionResult> OnPostAsync()
    {
        var answers = SafetyAnswersInput.Read(Questions.Select(question => question.Key), Answers, ModelState);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await checks.RecordAsync(User.RequiredUserId(), TogetherStatus.SafePairingKey, answers, KeepAnswers);
        ShowHelp = SafetyChecks.SuggestsDanger(answers);
        return ShowHelp ? Page() : Redirect(ContinueUrl);
    }

    public string? ErrorFor(string questionKey) => ModelState[questionKey]?.Errors.FirstOrDefault()?.ErrorMessage;
}
