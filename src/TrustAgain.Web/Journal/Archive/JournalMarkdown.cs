using System.Globalization;
using System.Text;
using TrustAgain.Web.Content;
using TrustAgain.Web.TimeZones;

namespace TrustAgain.Web.Journal.Archive;

// The export as readable Markdown: reflections grouped by journey and step in guide order (steps in no journey
// last), then check-ins oldest first, then each commitment with its consistency and whole record, then the safety
// checks whose answers the person chose to keep — the same as the JSON file. Times are on the person's own clock
// (the PersonClock the caller loaded), in ISO 8601 with their offset.
public sealed class JournalMarkdown(JournalArchive archive, GuideLibrary guide, PersonClock clock)
{
    private const string Damaged = "(This entry was damaged and could not be read.)";

    public async Task<string> ExportAsync(string userId)
    {
        var export = await archive.ExportAsync(userId);
        var markdown = new StringBuilder("# My TrustAgain journal\n\n")
            .Append(CultureInfo.InvariantCulture, $"Exported {When(export.ExportedAt)}.\n");
        AppendJourneys(markdown, export);
        AppendCheckIns(markdown, export.CheckIns ?? []);
        AppendCommitments(markdown, export.Commitments ?? [], clock.Today);
        AppendSafetyChecks(markdown, export.SafetyChecks ?? []);
        AppendOffers(markdown, export.Offers ?? []);
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

    private void AppendReflections(StringBuilder markdown, IEnumerable<ExportedReflection> reflections)
    {
        foreach (var reflection in reflections)
        {
            markdown.Append(CultureInfo.InvariantCulture, $"\n**{When(reflection.CreatedAt)}**");
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
            markdown.Append(CultureInfo.InvariantCulture, $"- **{When(checkIn.CreatedAt)}**");
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
            markdown.Append(CultureInfo.InvariantCulture, $"\nRecorded {clock.DayOf(commitment.CreatedAt):yyyy-MM-dd}");
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

    private void AppendSafetyChecks(StringBuilder markdown, IReadOnlyList<ExportedSafetyCheck> checks)
    {
        if (checks.Count == 0)
        {
            return;
        }
        markdown.Append("\n## Safety checks you kept\n");
        foreach (var check in checks)
        {
            var journey = check.JourneyKey == SafetyChecks.SafePairing
                ? "linking with the other person"
                : guide.FindJourney(check.JourneyKey)?.Title ?? check.JourneyKey;
            markdown.Append(CultureInfo.InvariantCulture, $"\n### Before {journey}, {When(check.CompletedAt)}\n\n");
            if (check.Answers is not { } answers)
            {
                markdown.Append(Damaged).Append('\n');
                continue;
            }
            // The questions before linking with another person come from the content, the others from SafetyChecks.
            var questions = check.JourneyKey == SafetyChecks.SafePairing
                ? guide.PartnerTexts.Questions.Select(q => (q.Key, q.Text))
                : SafetyChecks.Questions.Select(q => (q.Key, q.Text));
            foreach (var (key, text) in questions)
            {
                var answer = answers.TryGetValue(key, out var given) ? SafetyChecks.Label(given) : "Not answered";
                markdown.Append(CultureInfo.InvariantCulture, $"- {text} **{answer}**\n");
            }
        }
    }

    private void AppendOffers(StringBuilder markdown, IReadOnlyList<ExportedOffer> offers)
    {
        if (offers.Count == 0)
        {
            return;
        }
        markdown.Append("\n## What you offered the other person\n\nAs sent. What the other person offered you is theirs, and is not in this file.\n");
        foreach (var offer in offers)
        {
            markdown.Append(CultureInfo.InvariantCulture, $"\n### {StepTitle(offer.StepKey)}, offered {When(offer.OfferedAt)}\n\n");
            markdown.Append(offer.OpenedAt is { } opened ? $"Opened {When(opened)}." : "Not opened.")
                .Append(offer.ExpiresAt is { } until ? $" Until {When(until)}." : "").Append("\n\n");
            markdown.Append(offer.Text ?? Damaged).Append('\n');
            if (offer.Note is not null)
            {
                markdown.Append("\nNote: ").Append(offer.Note).Append('\n');
            }
        }
    }

    // ISO 8601 to the minute, with the offset: "2026-11-25T21:10+01:00".
    private string When(DateTime utc) => clock.Local(utc).ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture);

    private string StepTitle(string stepKey) => guide.FindStep(stepKey)?.Title ?? stepKey;
}
