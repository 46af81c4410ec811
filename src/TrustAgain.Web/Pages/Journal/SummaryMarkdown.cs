using System.Globalization;
using System.Text;
using TrustAgain.Web.Journal;
using TrustAgain.Web.Insights;
using TrustAgain.Web.TimeZones;

namespace TrustAgain.Web.Pages.Journal;

// The summary as a Markdown file: the same content as the printable page, with the charts given as their
// one-sentence summaries and tables. Reflection text goes in as the person wrote it, like the journal export.
public static class SummaryMarkdown
{
    public static string Write(CounsellorSummary summary, PersonClock clock)
    {
        var md = new StringBuilder();
        md.Append("# A summary for a counsellor\n\n");
        if (summary.Span is var (from, to))
        {
            md.Append(CultureInfo.InvariantCulture, $"{SummaryDates.Range(from, to)}\n\n");
        }
        if (summary.Reflections.Count > 0)
        {
            md.Append("## Reflections\n\n");
            foreach (var reflection in summary.Reflections)
            {
                md.Append(CultureInfo.InvariantCulture, $"### {reflection.Where}, {clock.Date(reflection.CreatedAt)}\n\n");
                if (reflection.Prompt is not null)
                {
                    md.Append(CultureInfo.InvariantCulture, $"*{reflection.Prompt}*\n\n");
                }
                md.Append(string.Concat(reflection.Passages.Select(p => p.Text)).Trim()).Append("\n\n");
            }
        }
        if (summary.CheckIns is { } checkIns)
        {
            md.Append("## Check-ins\n\n");
            if (SummaryDates.Chosen(checkIns.From, checkIns.To) is { } dates)
            {
                md.Append(CultureInfo.InvariantCulture, $"Check-ins {dates}.\n\n");
            }
            if (checkIns.Entries.Count == 0)
            {
                md.Append("No check-ins in these dates.\n\n");
            }
            else
            {
                md.Append(checkIns.Timeline.Summary).Append("\n\n| Date | Trust | Safety |\n| --- | --- | --- |\n");
                foreach (var point in checkIns.Timeline.Points)
                {
                    md.Append(CultureInfo.InvariantCulture, $"| {clock.DateAndTime(point.At)} | {point.Trust} | {point.Safety} |\n");
                }
                md.Append('\n').Append(checkIns.ByStep.Summary).Append("\n\n| Step | Average trust | Check-ins |\n| --- | --- | --- |\n");
                foreach (var row in checkIns.ByStep.Rows)
                {
                    md.Append(CultureInfo.InvariantCulture, $"| {row.Title} | {Describe.Score(row.Average)} | {row.Count} |\n");
                }
                md.Append('\n');
            }
        }
        if (summary.Commitments.Count > 0)
        {
            md.Append("## Commitments\n\nConsistency is kept ÷ (kept + slipped); renegotiating counts neither way.\n\n");
            foreach (var agreement in summary.Commitments)
            {
                md.Append(CultureInfo.InvariantCulture, $"### {agreement.Wording}\n\n");
                md.Append(ConsistencyFigures.For(agreement.Log, summary.Today).Summary).Append("\n\n");
            }
        }
        return md.ToString();
    }
}

public static class SummaryDates
{
    public static string Range(DateOnly from, DateOnly to) =>
        from == to ? Day(from) : $"{Day(from)} to {Day(to)}";

    // The dates a person chose for their check-ins, in words; null when they chose none and so included them all.
    public static string? Chosen(DateOnly? from, DateOnly? to) => (from, to) switch
    {
        ({ } f, { } t) => $"from {Day(f)} to {Day(t)}",
        ({ } f, null) => $"from {Day(f)}",
        (null, { } t) => $"up to {Day(t)}",
        _ => null,
    };

    private static string Day(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
