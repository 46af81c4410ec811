using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Journal;
using TrustAgain.Web.Content;
using TrustAgain.Web.Insights;
using TrustAgain.Web.Security;

namespace TrustAgain.Web.Pages.Journeys;

[EnableRateLimiting(RateLimits.ReflectionSaves)]
public sealed class StepModel(GuideLibrary guide, JourneyProgress progress, ReflectionJournal journal, SafetyChecks safety, ThenAndNow thenAndNow)
    : PageModel
{
    public Journey Journey { get; private set; } = null!;

    public GuideStep Step { get; private set; } = null!;

    public int Position { get; private set; }

    public bool IsDone { get; private set; }

    public IReadOnlyList<ReflectionEntry> Reflections { get; private set; } = [];

    public bool OffersAgreements => CommitmentLedger.OfferedOnJourneys.Contains(Journey.Key);

    // The first answer to each prompt this person is coming back to, shown beside a fresh box.
    public IReadOnlyList<ReflectionEntry> FirstAnswers { get; private set; } = [];

    [BindProperty]
    public ReflectionInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Deleted { get; set; }

    // Just marked done: the page offers a check-in instead of "then and now", which is for coming back later.
    [BindProperty(SupportsGet = true)]
    public bool Finished { get; set; }

    public async Task<IActionResult> OnGetAsync(string journey, string step)
    {
        if (!Find(journey, step))
        {
            return NotFound();
        }
        // Some journeys are only right where a person is safe: the first time, ask first (see SafetyChecks).
        if (SafetyChecks.Gates(Journey.Key) && !await safety.IsCompletedAsync(User.RequiredUserId(), Journey.Key))
        {
            return Redirect($"/journeys/{Journey.Key}/safety-check?step={Step.Key}");
        }
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostReflectAsync(string journey, string step)
    {
        if (!Find(journey, step))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return await ShowAsync();
        }
        var prompt = Step.Prompts.Contains(Input.Prompt) ? Input.Prompt : null;
        var userId = User.RequiredUserId();
        _ = Input.FormId is { } formId
            ? await journal.AddOnceAsync(userId, formId, Step.Key, prompt, Input.Text)
            : await journal.AddAsync(userId, Step.Key, prompt, Input.Text);
        return Redirect($"/journeys/{Journey.Key}/{Step.Key}?saved=true#reflections");
    }

    public async Task<IActionResult> OnPostDoneAsync(string journey, string step, bool done)
    {
        if (!Find(journey, step))
        {
            return NotFound();
        }
        await progress.MarkAsync(User.RequiredUserId(), Step.Key, done);
        return Redirect($"/journeys/{Journey.Key}/{Step.Key}" + (done ? "?finished=true#check-in" : ""));
    }

    private bool Find(string journeyKey, string stepKey)
    {
        var journey = guide.FindJourney(journeyKey);
        var position = journey?.Steps.ToList().FindIndex(s => s.Key == stepKey) ?? -1;
        if (journey is null || position < 0)
        {
            return false;
        }
        (Journey, Step, Position) = (journey, journey.Steps[position], position);
        return true;
    }

    private async Task<PageResult> ShowAsync()
    {
        var userId = User.RequiredUserId();
        // A fresh form gets a new one-time id; a form shown again after an error keeps the one it was sent with.
        Input.FormId ??= Guid.NewGuid();
        var completedAt = await progress.CompletedAtAsync(userId, Step.Key);
        IsDone = completedAt is not null;
        Reflections = await journal.ForStepAsync(userId, Step.Key);
        FirstAnswers = Finished ? [] : [.. thenAndNow.EarliestToRevisit(Reflections, completedAt)
            .Where(first => Step.Prompts.Contains(first.Prompt))];
        return Page();
    }
}
