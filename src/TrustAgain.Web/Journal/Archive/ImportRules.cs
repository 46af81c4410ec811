using TrustAgain.Web.Content;

namespace TrustAgain.Web.Journal.Archive;

// What a file to import must satisfy: what the forms would have allowed, checked against this guide. Dates lie
// between 1970 and tomorrow (an export made today in any time zone), texts keep the forms' length limits, and
// anything else that would be stored in the clear — step, journey and prompt — is one the guide has: a prompt the
// step does not have is dropped, a check-in's or agreement's unknown step or journey is forgotten, and a
// reflection, completed step or safety check for a step or journey the guide no longer has is skipped.
public sealed class ImportRules(GuideLibrary guide, DateTime now)
{
    private static readonly DateTime Earliest = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private DateTime Latest => now.AddDays(1);

    // The first thing in the file that no form would accept, in words for the person, or null.
    public string? Problem(JournalExport export)
    {
        var dates = export.Reflections!.SelectMany(r => new[] { r.CreatedAt, r.UpdatedAt })
            .Concat(export.Progress!.Select(p => p.CompletedAt))
            .Concat((export.CheckIns ?? []).Select(c => c.CreatedAt))
            .Concat((export.Commitments ?? []).SelectMany(c => (c.Log ?? []).Select(e => e.CreatedAt).Append(c.CreatedAt)
                .Concat((c.Log ?? []).Select(e => e.On.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)))))
            .Concat((export.SafetyChecks ?? []).Select(c => c.CompletedAt));
        if (dates.Where(d => d < Earliest || d > Latest).Select(d => (DateTime?)d).FirstOrDefault() is { } date)
        {
            return $"it has a date ({date:yyyy-MM-dd}) before 1970 or in the future.";
        }
        if (export.Reflections!.Any(r => r.Text is { Length: > ReflectionInput.MaxLength }))
        {
            return "a reflection in it is longer than 20,000 characters.";
        }
        // The check-in form's limit (Pages/Insights/CheckInInput).
        if ((export.CheckIns ?? []).Any(c => c.Note is { Length: > 2_000 }))
        {
            return "a check-in note in it is longer than 2,000 characters.";
        }
        var commitments = export.Commitments ?? [];
        if (commitments.Any(c => c.Wording is { Length: > CommitmentLedger.MaxWordingLength }
                || (c.Log ?? []).Any(e => e.WordingBefore is { Length: > CommitmentLedger.MaxWordingLength } || e.WordingAfter is { Length: > CommitmentLedger.MaxWordingLength })))
        {
            return "an agreement in it is longer than 500 characters.";
        }
        return commitments.Any(c => (c.Log ?? []).Any(e => e.Note is { Length: > CommitmentLedger.MaxNoteLength }))
            ? "a note on an agreement in it is longer than 2,000 characters."
            : null;
    }

    public JournalExport WithGuideKeysOnly(JournalExport export) => export with
    {
        Reflections = [.. export.Reflections!.Where(r => guide.FindStep(r.StepKey) is not null)
            .Select(r => r with { Prompt = guide.FindStep(r.StepKey)!.Prompts.Contains(r.Prompt) ? r.Prompt : null })],
        Progress = [.. export.Progress!.Where(p => guide.FindStep(p.StepKey) is not null)],
        CheckIns = export.CheckIns?.Select(c => c with { StepKey = Step(c.StepKey) }).ToList(),
        Commitments = export.Commitments?.Select(c => c with { JourneyKey = Journey(c.JourneyKey), StepKey = Step(c.StepKey) }).ToList(),
        SafetyChecks = export.SafetyChecks?.Where(c => guide.FindJourney(c.JourneyKey) is not null).ToList(),
    };

    private string? Step(string? key) => key is not null && guide.FindStep(key) is not null ? key : null;

    private string? Journey(string? key) => key is not null && guide.FindJourney(key) is not null ? key : null;
}
