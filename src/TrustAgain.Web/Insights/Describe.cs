using System.Globalization;

namespace TrustAgain.Web.Insights;

// The words chart summaries are made of, so every summary reads the same way.
public static class Describe
{
    public static string Date(DateTime at) => at.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Score(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    // "rose from 3 to 6", "fell from 7 to 4", "stayed at 5".
    public static string Change(int from, int to) =>
        from == to ? $"began and ended at {from}" : $"{(to > from ? "rose" : "fell")} from {from} to {to}";

    public static string Span(TimeSpan span) => span.TotalDays switch
    {
        < 1 => "less than a day",
        < 2 => "1 day",
        < 14 => $"{(int)span.TotalDays} days",
        < 61 => $"{(int)Math.Round(span.TotalDays / 7)} weeks",
        _ => $"{(int)Math.Round(span.TotalDays / 30.4)} months",
    };
}
