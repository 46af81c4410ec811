using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrustAgain.Web.Journal.Archive;

// Everything a person has written and done, gathered for the export file. Each kind of data is read through its
// store, the one place that decrypts it; JournalMarkdown renders the same content, JournalImport reads it back in.
public sealed class JournalArchive(ReflectionJournal journal, JourneyProgress journeyProgress, CheckIns checkIns,
    CommitmentLedger ledger, SafetyChecks safetyChecks, PartnerOffers offers, TimeProvider clock)
{
    // Outcomes and safety answers are written as words ("kept", "notSure"), so the file reads on its own; times
    // with their offset (see ZonedTimes). Reading takes any zone, so this is the options an import uses.
    public static readonly JsonSerializerOptions Json = JsonIn(TimeZoneInfo.Utc);

    // How an export is written for a person who lives in `zone`.
    public static JsonSerializerOptions JsonIn(TimeZoneInfo zone) => new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new ZonedTimes(zone) },
    };

    public async Task<JournalExport> ExportAsync(string userId)
    {
        var progress = (await journeyProgress.HistoryAsync(userId))
            .Select(p => new ExportedProgress(p.StepKey, p.CompletedAt))
            .ToList();
        var reflections = (await journal.AllAsync(userId))
            .Select(r => new ExportedReflection(r.StepKey, r.Prompt, r.Text, r.CreatedAt, r.UpdatedAt))
            .ToList();
        var checkInList = (await checkIns.AllAsync(userId)).Select(ToExported).ToList();
        var commitments = (await ledger.AllAsync(userId)).Select(ToExported).ToList();
        var kept = (await safetyChecks.AllAsync(userId))
            .Where(c => c.Value.KeptAnswers)
            .OrderBy(c => c.Value.CompletedAt).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new ExportedSafetyCheck(c.Key, c.Value.CompletedAt, c.Value.Answers))
            .ToList();
        var sent = (await offers.SentAsync(userId))
            .Select(o => new ExportedOffer(o.StepKey, o.Text, o.Note, o.CreatedAt, o.ExpiresAt, o.OpenedAt))
            .ToList();
        return new JournalExport(JournalExport.FormatName, JournalExport.CurrentVersion, clock.GetUtcNow().UtcDateTime,
            progress, reflections, checkInList, commitments, kept, sent);
    }

    private static ExportedCheckIn ToExported(CheckInEntry entry) =>
        new(entry.CreatedAt, entry.StepKey, entry.Answers?.Trust, entry.Answers?.Safety, entry.Answers?.Feelings,
            entry.Answers?.Note, entry.IsDamaged);

    private static ExportedCommitment ToExported(Agreement agreement) =>
        new(agreement.Wording, agreement.JourneyKey, agreement.StepKey, agreement.CreatedAt,
            [.. agreement.Log.Select(e => new ExportedCommitmentEntry(e.On, e.Outcome, e.Note, e.WordingBefore, e.WordingAfter, e.CreatedAt))]);
}
