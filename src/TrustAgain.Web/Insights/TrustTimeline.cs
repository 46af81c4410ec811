using System.Globalization;
using TrustAgain.Web.Content;
using TrustAgain.Web.Journal;

namespace TrustAgain.Web.Insights;

// At is the stored UTC moment; LocalAt the same moment on the person's own clock, which the layout and its words use.
public sealed record TimelinePoint(DateTime At, DateTime LocalAt, int Trust, int Safety, double X, double TrustY, double SafetyY);

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
        [var only] => $"One check-in so far, on {Describe.Date(only.LocalAt)}: trust {only.Trust} and safety {only.Safety} out of 10.",
        [var first, .., var last] => $"Over {Describe.Span(last.LocalAt - first.LocalAt)} and {Plural.Of(Points.Count, "check-in")}, trust "
            + $"{Describe.Change(first.Trust, last.Trust)} and safety {Describe.Change(first.Safety, last.Safety)} (out of 10)."
            + (Steps.Count == 0 ? "" : $" {Plural.Of(Steps.Count, "completed step")} marked on the timeline."),
    };

    // Laid out on the person's own clock (`zone`), so days and hours read as they lived them. The axis runs from
    // the first thing that happened to the last, and ends there: nothing is drawn past the latest point.
    public static TrustTimeline From(IReadOnlyList<CheckInEntry> checkIns, IReadOnlyList<(GuideStep Step, DateTime CompletedAt)> completed,
        TimeZoneInfo zone)
    {
        DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        var readable = checkIns.Where(c => !c.IsDamaged).ToList();
        if (readable.Count == 0)
        {
            return new TrustTimeline([], [], []);
        }
        var times = readable.Select(c => Local(c.CreatedAt)).Concat(completed.Select(s => Local(s.CompletedAt))).ToList();
        var (start, end) = (times.Min(), times.Max());
        // A single moment (one check-in, nothing else) sits at the end of an axis that covers the day it was in.
        var single = end - start < TimeSpan.FromHours(1);
        if (single)
        {
            start = end.AddDays(-1);
        }
        double X(DateTime at) => Left + Inset + (at - start).TotalSeconds / (end - start).TotalSeconds * (PlotRight - Left - 2 * Inset);

        var points = readable.Select(c => new TimelinePoint(c.CreatedAt, Local(c.CreatedAt), c.Answers!.Trust, c.Answers.Safety,
            X(Local(c.CreatedAt)), Y(c.Answers.Trust), Y(c.Answers.Safety))).ToList();
        var steps = completed.OrderBy(s => s.CompletedAt)
            .Select((s, i) => new StepMark(i + 1, s.Step, s.CompletedAt, X(Local(s.CompletedAt)))).ToList();
        var format = end - start < TimeSpan.FromDays(2) && !single ? "d MMM HH:mm" : "d MMM";
        AxisTick Tick(DateTime at) => new(X(at), at.ToString(format, CultureInfo.InvariantCulture));
        List<AxisTick> dates = single ? [Tick(end)]
            : end - start >= TimeSpan.FromDays(4) ? [Tick(start), Tick(start + (end - start) / 2), Tick(end)]
            : [Tick(start), Tick(end)];
        return new TrustTimeline(points, steps, dates);
    }

    private static double Y(int score) => Height - Bottom - score / (double)CheckInAnswers.Highest * (Height - Bottom - Top);

    private static string Line(IEnumerable<(double X, double Y)> points) =>
        string.Join(' ', points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:0.#},{p.Y:0.#}")));
}
