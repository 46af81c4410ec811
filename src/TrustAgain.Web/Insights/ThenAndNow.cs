using TrustAgain.Web.Journal;

namespace TrustAgain.Web.Insights;

// A guide prompt a person has answered more than once: their first answer and their latest.
public sealed record PromptHistory(string StepKey, string Prompt, ReflectionEntry First, ReflectionEntry Latest, int Count);

// "Then and now": what a person first wrote to a prompt, set beside what they write when they come back to it.
public sealed class ThenAndNow(ReflectionJournal journal, TimeProvider clock)
{
    // Long enough that a first answer has become "then", not something written last week.
    public static readonly TimeSpan ComeBackAfter = TimeSpan.FromDays(14);

    // Every prompt answered more than once, most recently answered first.
    public async Task<IReadOnlyList<PromptHistory>> AllAsync(string userId)
    {
        var entries = await journal.AllAsync(userId);
        return [.. entries
            .Where(e => e.Prompt is not null)
            .GroupBy(e => (e.StepKey, Prompt: e.Prompt!))
            .Where(g => g.Count() > 1)
            .Select(g => new PromptHistory(g.Key.StepKey, g.Key.Prompt, g.MinBy(e => e.CreatedAt)!, g.MaxBy(e => e.CreatedAt)!, g.Count()))
            .OrderByDescending(h => h.Latest.CreatedAt)];
    }

    // The earliest answer to each prompt of a step, for the prompts a person is coming back to: the answer is
    // at least two weeks old, or it was written before the step was marked done (this is a later pass).
    public IReadOnlyList<ReflectionEntry> EarliestToRevisit(IReadOnlyList<ReflectionEntry> onStep, DateTime? stepCompletedAt)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return [.. onStep
            .Where(e => e.Prompt is not null)
            .GroupBy(e => e.Prompt)
            .Select(g => g.MinBy(e => e.CreatedAt)!)
            .Where(first => now - first.CreatedAt >= ComeBackAfter || first.CreatedAt < stepCompletedAt)
            .OrderBy(first => first.CreatedAt)];
    }
}
