using TrustAgain.Web.Content;
using TrustAgain.Web.Journal;

namespace TrustAgain.Web.Insights;

// One row of "trust by journey step". Step is null for the check-ins made before any step was completed.
public sealed record StepAverage(GuideStep? Step, double Average, int Count)
{
    public string Title => Step?.Title ?? "Before any step";

    public double BarWidth => Average / CheckInAnswers.Highest * TrustByStep.BarArea;
}

// Average trust per journey step, so a person can see which steps moved them. Laid out as horizontal bars,
// one row per step, label above its bar, so long step titles fit a phone.
public sealed class TrustByStep
{
    public const double Width = 420;
    public const double RowHeight = 52;
    public const double BarArea = Width - 48;

    private TrustByStep(IReadOnlyList<StepAverage> rows) => Rows = rows;

    public IReadOnlyList<StepAverage> Rows { get; }

    public double Height => Rows.Count * RowHeight + 4;

    public string Summary => Rows.Count switch
    {
        0 => "",
        1 when Rows[0].Count == 1 => $"Your one check-in so far belongs to \u201c{Rows[0].Title}\u201d, with trust at {Describe.Score(Rows[0].Average)} out of 10.",
        1 => $"All {Rows[0].Count} check-ins so far belong to \u201c{Rows[0].Title}\u201d, with an average trust of {Describe.Score(Rows[0].Average)} out of 10.",
        _ => $"Trust was highest with \u201c{Highest.Title}\u201d (average {Describe.Score(Highest.Average)}) "
            + $"and lowest with \u201c{Lowest.Title}\u201d (average {Describe.Score(Lowest.Average)}), out of 10.",
    };

    private StepAverage Highest => Rows.MaxBy(r => r.Average)!;

    private StepAverage Lowest => Rows.MinBy(r => r.Average)!;

    public static TrustByStep From(IReadOnlyList<CheckInEntry> checkIns, IReadOnlyList<(GuideStep Step, DateTime CompletedAt)> completed,
        GuideLibrary guide)
    {
        var byTime = completed.OrderBy(s => s.CompletedAt).ToList();
        var order = guide.AllSteps.Select((step, index) => (step.Key, index)).ToDictionary(p => p.Key, p => p.index);
        var rows = checkIns.Where(c => !c.IsDamaged)
            .GroupBy(c => StepOf(c, byTime, guide))
            .Select(g => new StepAverage(g.Key, g.Average(c => c.Answers!.Trust), g.Count()))
            .OrderBy(r => r.Step is null ? -1 : order.GetValueOrDefault(r.Step.Key, int.MaxValue))
            .ToList();
        return new TrustByStep(rows);
    }

    // A check-in made from the "you finished this step" offer belongs to that step. Any other check-in belongs to
    // the latest step completed before it: that is the work most recently behind the person when they answered.
    // Check-ins before any completed step have no step; they show as a "before" baseline.
    private static GuideStep? StepOf(CheckInEntry checkIn, IReadOnlyList<(GuideStep Step, DateTime CompletedAt)> byTime, GuideLibrary guide) =>
        (checkIn.StepKey is { } key ? guide.FindStep(key) : null)
        ?? byTime.LastOrDefault(s => s.CompletedAt <= checkIn.CreatedAt).Step;
}
