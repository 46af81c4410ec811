using System.Globalization;
using TrustAgain.Web.Content;
using TrustAgain.Web.Journal;

namespace TrustAgain.Web.Insights;

public sealed record TimelinePoint(DateTime At, int Trust, int Safety, double X, double TrustY, double SafetyY);

public sealed record StepMark(int Number, GuideStep Step, DateTime CompletedAt, double X);

public sealed record AxisTick(double Position, string Label);

// Trust and safety over time, with the steps a person completed on the same time axis, laid out in SVG
// coordinates for the page to draw. The drawing area is a fixed viewBox; CSS scales it to the screen.
public sealed class TrustTimeline
{
    // Narrow enough that labels stay readable when a phone shrinks the chart to a third of a desktop's width.
    public const double Width = 520;
    public const double Height = 290;
    public const double Left = 30;
    public const double Right = 12;
    public const double Top = 36;
    public const double Bottom = 36;

    // Points sit a little inside the axes, so the first and last are not cut in half by the chart's edge.
    private const double Inset = 14;

    private TrustTimeline(IReadOnlyList<TimelinePoint> points, IReadOnlyList<StepMark> steps, IReadOnlyList<AxisTick> dates)
    {
        Points = points;
        Steps = steps;
        Dates = dates;
    }

    public IReadOnlyList<TimelinePoint> Points { get; }

    public IReadOnlyList<StepMark> Steps { get; }

    public IReadOnlyList<AxisTick> Dates { get; }

    public static double PlotBottom => Height - Bottom;

    public static double PlotRight => Width - Right;

    public static IReadOnlyList<AxisTick> Scores { get; } =
        [.. new[] { 0, 5, 10 }.Select(score => new AxisTick(Y(score), score.ToString(CultureInfo.InvariantCulture)))];

    // "x1,y1 x2,y2 ..." for an SVG polyline; empty when there is only one point, which is drawn as a dot alone.
    public string TrustLine => Points.Count < 2 ? "" : Line(Points.Select(p => (p.X, p.TrustY)));

    public string SafetyLine => Points.Count < 2 ? "" : Line(Points.Select(p => (p.X, p.SafetyY)));

    // One sentence a screen reader (or anyone) can take in instead of the chart.
    public string Summary => Points switch
    {
        [] => "",
        [var only] => $"One check-in so far, on {Describe.Date(only.At)}: trust {only.Trust} and safety {only.Safety} out of 10.",
        [var first, .., var last] => $"Over {Describe.Span(last.At - first.At)} and {Points.Count} check-ins, trust "
            + $"{Describe.Change(first.Trust, last.Trust)} and safety {Describe.Change(first.Safety, last.Safety)} (out of 10)."
            + (Steps.Count == 0 ? "" : $" {Describe.Count(Steps.Count, "completed step")} marked on the timeline."),
    };

    public static TrustTimeline From(IReadOnlyList<CheckInEntry> checkIns, IReadOnlyList<(GuideStep Step, DateTime CompletedAt)> completed)
    {
        var readable = checkIns.Where(c => !c.IsDamaged).ToList();
        var times = readable.Select(c => c.CreatedAt).Concat(completed.Select(s => s.CompletedAt)).ToList();
        if (readable.Count == 0)
        {
            return new TrustTimeline([], [], []);
        }
        var (start, end) = (times.Min(), times.Max());
        // A single moment (one check-in, nothing else) sits in the middle of a day-wide axis.
        if (end - start < TimeSpan.FromHours(1))
        {
            (start, end) = (start.AddHours(-12), end.AddHours(12));
        }
        double X(DateTime at) => Left + Inset + (at - start).TotalSeconds / (end - start).TotalSeconds * (PlotRight - Left - 2 * Inset);

        var points = readable.Select(c => new TimelinePoint(
            c.CreatedAt, c.Answers!.Trust, c.Answers.Safety, X(c.CreatedAt), Y(c.Answers.Trust), Y(c.Answers.Safety))).ToList();
        var steps = completed.OrderBy(s => s.CompletedAt)
            .Select((s, i) => new StepMark(i + 1, s.Step, s.CompletedAt, X(s.CompletedAt))).ToList();
        var format = end - start < TimeSpan.FromDays(2) ? "d MMM HH:mm" : "d MMM";
        AxisTick Tick(DateTime at) => new(X(at), at.ToString(format, CultureInfo.InvariantCulture));
        List<AxisTick> dates = end - start >= TimeSpan.FromDays(4)
            ? [Tick(start), Tick(start + (end - start) / 2), Tick(end)]
            : [Tick(start), Tick(end)];
        return new TrustTimeline(points, steps, dates);
    }

    private static double Y(int score) => Height - Bottom - score / (double)CheckInAnswers.Highest * (Height - Bottom - Top);

    private static string Line(IEnumerable<(double X, double Y)> points) =>
        string.Join(' ', points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:0.#},{p.Y:0.#}")));
}
