using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Content;
using TrustAgain.Web.Journal;

namespace TrustAgain.Web.Pages.Journeys;

public sealed class SafetyCheckModel(GuideLibrary guide, SafetyChecks checks) : PageModel
{
    public Journey Journey { get; private set; } = null!;

    // The step the person was opening when the check came up; they continue there afterwards.
    [BindProperty(SupportsGet = true)]
    public string? Step { get; set; }

    [BindProperty]
    public Dictionary<string, string> Answers { get; set; } = [];

    [BindProperty]
    public bool KeepAnswers { get; set; }

    public SafetyCheckRecord? Previous { get; private set; }

    public bool ShowHelp { get; private set; }

    public string ContinueUrl =>
        $"/journeys/{Journey.Key}/{(Journey.Steps.FirstOrDefault(s => s.Key == Step) ?? Journey.Steps[0]).Key}";

    public static IReadOnlyList<SafetyAnswer> AnswerOrder { get; } = [SafetyAnswer.Yes, SafetyAnswer.No, SafetyAnswer.NotSure];

    public async Task<IActionResult> OnGetAsync(string journey)
    {
        if (!Find(journey))
        {
            return NotFound();
        }
        Previous = await checks.FindAsync(User.RequiredUserId(), Journey.Key);
        return Page();
    }

    // Answers that suggest danger are answered on this response, never by a redirect: whether someone may be in
    // danger must not end up in a URL, where the browser's history would keep it.
    public async Task<IActionResult> OnPostAsync(string journey)
    {
        if (!Find(journey))
        {
            return NotFound();
        }
        var answers = SafetyAnswersInput.Read(SafetyChecks.Questions.Select(question => question.Key), Answers, ModelState);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await checks.RecordAsync(User.RequiredUserId(), Journey.Key, answers, KeepAnswers);
        ShowHelp = SafetyChecks.SuggestsDanger(answers);
        return ShowHelp ? Page() : Redirect(ContinueUrl);
    }

    public string? ErrorFor(string questionKey) => ModelState[questionKey]?.Errors.FirstOrDefault()?.ErrorMessage;

    private bool Find(string journeyKey)
    {
        if (!SafetyChecks.Gates(journeyKey) || guide.FindJourney(journeyKey) is not { } journey)
        {
            return false;
        }
        Journey = journey;
        return true;
    }
}
