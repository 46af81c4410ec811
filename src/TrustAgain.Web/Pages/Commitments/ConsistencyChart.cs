using System.Globalization;
using TrustAgain.Web.Journal;

namespace TrustAgain.Web.Pages.Commitments;

// The geometry of the small strip chart: one mark per entry along a time line from the first entry (or 30 days
// ago, whichever is earlier) to today, the last 30 days shaded, with the first day and today written beneath.
// Every mark sits wholly inside the shaded band with room around it. Drawn as inline SVG by _ConsistencyChart;
// colours come from classes in site.css, so the chart follows the light and dark themes and prints. Each outcome
// also has its own shape, so the chart never relies on colour alone.
public sealed record ConsistencyChart(IReadOnlyList<ChartMark> Marks, string WindowX, string WindowWidth, string FirstDay)
{
    public const int Width = 320;
    public const int Height = 72;
    public const int BandTop = 4;
    public const int Baseline = 52;
    public const int LabelY = 67;
    public const double Padding = 16;

    // The largest mark reaches this far from its centre; marks keep at least this much more from the band's edges.
    private const double Reach = 6;
    private const double Room = 4;
    private const double Stack = 14;

    public static string BandHeight => Format(Baseline - BandTop);

    public static string Right => Format(Width - Padding);

    public static ConsistencyChart For(IReadOnlyList<CommitmentLog> log, DateOnly today)
    {
        var windowStart = ConsistencyFigures.WindowStart(today);
        var counted = log.Where(e => !e.IsDamaged).ToList();
        var start = counted.Count > 0 && counted.Min(e => e.On) < windowStart ? counted.Min(e => e.On) : windowStart;
        var days = Math.Max(1, today.DayNumber - start.DayNumber);
        double X(DateOnly day) => Padding + (Width - 2 * Padding) * Math.Clamp(day.DayNumber - start.DayNumber, 0, days) / days;

        // Entries on the same day stack upwards, so none hides another (up to three; more share the top place).
        var lowest = Baseline - Reach - Room;
        var marks = counted
            .GroupBy(e => e.On)
            .SelectMany(day => day.Select((entry, index) => new ChartMark(
                entry.Outcome!.Value, Format(X(entry.On)), Format(lowest - Stack * Math.Min(index, 2)))))
            .ToList();
        var windowX = X(windowStart) - Reach - Room;
        var windowRight = Width - Padding + Reach + Room;
        return new(marks, Format(windowX), Format(windowRight - windowX), start.ToString("d MMM", CultureInfo.InvariantCulture));
    }

    private static string Format(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}

public sealed record ChartMark(Outcome Outcome, string X, string Y)
{
    public string CssClass => "mark-" + Outcome.ToString().ToLowerInvariant();
}
