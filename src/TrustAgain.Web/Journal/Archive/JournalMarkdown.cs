using System.Globalization;
using System.Text;
using TrustAgain.Web.Content;

namespace TrustAgain.Web.Journal.Archive;

// The export as readable Markdown: reflections grouped by journey and step in guide order (steps in no journey
// last), then check-ins oldest first, then each commitment with its consistency and whole record.
public sealed class JournalMarkdown(JournalArchive archive, GuideLibrary guide, TimeProvider clock)
{
    private const string Damaged = "(This entry was damaged and could not be read.)";

    public async Task<string> ExportAsync(string userId)
    {
        var export = await archive.ExportAsync(userId);
        var markdown = new StringBuilder("# My TrustAgain journal\n\n")
            .Append(CultureInfo.InvariantCulture, $"Exported {export.ExportedAt:yyyy-MM-dd HH:mm} UTC.\n");
        AppendJourneys(markdown, export);
        AppendCheckIns(markdown, export.CheckIns ?? []);
        AppendCommitments(markdown, export.Commitments ?? [], DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        return markdown.ToString();
    }

    private void AppendJourneys(StringBuilder markdown, JournalExport export)
    {
        var byStep = export.Reflections.ToLookup(r => r.StepKey);
        var done = export.Progress.Select(p => p.StepKey).ToHashSet();
        var written = new HashSet<string>();
        foreach (var journey in guide.Journeys)
        {
            var steps = journey.Steps.Where(s => byStep.Contains(s.Key) || done.Contains(s.Key)).ToList();
            if (steps.Count == 0)
            {
                continue;
            }
            markdown.Append(CultureInfo.InvariantCulture, $"\n## {journey.Title}\n");
            foreach (var step in steps)
            {
                markdown.Append(CultureInfo.InvariantCulture, $"\n### {step.Title}{(done.Contains(step.Key) ? " (done)" : "")}\n");
                AppendReflections(markdown, byStep[step.Key]);
                written.Add(step.Key);
            }
        }

        var others = byStep.Where(g => !written.Contains(g.Key)).ToList();
        if (others.Count > 0)
        {
            markdown.Append("\n## Other steps\n");
            foreach (var group in others)
            {
                markdown.Append(CultureInfo.InvariantCulture, $"\n### {StepTitle(group.Key)}\n");
                AppendReflections(markdown, group);
            }
        }
    }

    private static void AppendReflections(StringBuilder markdown, IEnumerable<ExportedReflection> reflections)
    {
        foreach (var reflection in reflections)
        {
            markdown.Append(CultureInfo.InvariantCulture, $"\n**{reflection.CreatedAt:yyyy-MM-dd HH:mm} UTC**");
            if (reflection.Prompt is not null)
            {
                markdown.Append(CultureInfo.InvariantCulture, $" — *{reflection.Prompt}*");
            }
            markdown.Append("\n\n").Append(reflection.Text ?? Damaged).Append('\n');
        }
    }

    // One line per check-in: when, both scores, the step it followed, the feelings, then the note on its own line.
    private void AppendCheckIns(StringBuilder markdown, IReadOnlyList<ExportedCheckIn> checkIns)
    {
        if (checkIns.Count == 0)
        {
            return;
        }
        markdown.Append("\n## Check-ins\n\n");
        foreach (var checkIn in checkIns)
        {
            markdown.Append(CultureInfo.InvariantCulture, $"- **{checkIn.CreatedAt:yyyy-MM-dd HH:mm} UTC**");
            if (checkIn.Damaged)
            {
                markdown.Append(" — ").Append(Damaged).Append('\n');
                continue;
            }
            markdown.Append(CultureInfo.InvariantCulture, $" — trust {checkIn.Trust}/10, safety {checkIn.Safety}/10");
            if (checkIn.StepKey is { } step)
            {
                markdown.Append(CultureInfo.InvariantCulture, $", after *{StepTitle(step)}*");
            }
            if (checkIn.Feelings is { Count: > 0 } feelings)
            {
                markdown.Append(CultureInfo.InvariantCulture, $"; feeling {string.Join(", ", feelings)}");
            }
            markdown.Append('\n');
            if (checkIn.Note is { } note)
            {
                markdown.Append("\n  ").Append(note.ReplaceLineEndings("\n  ")).Append("\n\n");
            }
        }
    }

    private void AppendCommitments(StringBuilder markdown, IReadOnlyList<ExportedCommitment> commitments, DateOnly today)
    {
        if (commitments.Count == 0)
        {
            return;
        }
        markdown.Append("\n## Commitments\n");
        foreach (var commitment in commitments)
        {
            markdown.Append("\n### ").Append(commitment.Wording ?? Damaged).Append('\n');
            markdown.Append(CultureInfo.InvariantCulture, $"\nRecorded {commitment.CreatedAt:yyyy-MM-dd}");
            if (commitment.StepKey is { } step)
            {
                markdown.Append(CultureInfo.InvariantCulture, $" at *{StepTitle(step)}*");
            }
            var log = commitment.Log.Select(e => new CommitmentLog(Guid.Empty, e.On, e.Outcome, e.Note, e.WordingBefore, e.WordingAfter, e.CreatedAt)).ToList();
            markdown.Append(". ").Append(ConsistencyFigures.For(log, today).Summary).Append("\n\n");
            foreach (var entry in commitment.Log)
            {
                markdown.Append(CultureInfo.InvariantCulture, $"- {entry.On:yyyy-MM-dd} — {Describe(entry)}");
                if (entry.Note is { } note)
                {
                    markdown.Append(": ").Append(note.ReplaceLineEndings(" "));
                }
                markdown.Append('\n');
            }
        }
    }

    private static string Describe(ExportedCommitmentEntry entry) => entry.Outcome switch
    {
        Outcome.Kept => "kept",
        Outcome.Slipped => "slipped",
        Outcome.Renegotiated => $"renegotiated from “{entry.WordingBefore ?? "(unreadable)"}” to “{entry.WordingAfter}”",
        _ => Damaged,
    };

    private string StepTitle(string stepKey) => guide.FindStep(stepKey)?.Title ?? stepKey;
}
