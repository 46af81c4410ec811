using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrustAgain.Web.Content;
using TrustAgain.Web.Data;

namespace TrustAgain.Web.Journal.Archive;

public sealed record ImportResult(string? Error, int Reflections, int StepsDone, int Skipped, int CheckIns = 0, int Commitments = 0)
{
    public static ImportResult Failed(string error) => new(error, 0, 0, 0);
}

// Restores an export (any version up to this one) into an account that has nothing yet, so nothing is ever
// duplicated or overwritten. Everything keeps its original dates and goes through the same encryption as the app.
// A file is held to what the forms allow (ImportRules): a file that breaks them is refused whole, with the reason.
public sealed class JournalImport(AppDbContext db, ReflectionJournal journal, JourneyProgress progress, CheckIns checkIns,
    CommitmentLedger ledger, SafetyChecks safetyChecks, GuideLibrary guide, TimeProvider clock)
{
    public async Task<ImportResult> ImportAsync(string userId, Stream json)
    {
        JournalExport? export;
        try
        {
            export = await JsonSerializer.DeserializeAsync<JournalExport>(json, JournalArchive.Json);
        }
        catch (JsonException)
        {
            return ImportResult.Failed("That file is not a TrustAgain export: it could not be read as JSON.");
        }
        if (export is null || export.Format != JournalExport.FormatName || export.Reflections is null || export.Progress is null)
        {
            return ImportResult.Failed("That file is not a TrustAgain export.");
        }
        if (export.Version > JournalExport.CurrentVersion)
        {
            return ImportResult.Failed("That export comes from a newer version of TrustAgain and cannot be imported here.");
        }
        var rules = new ImportRules(guide, clock.GetUtcNow().UtcDateTime);
        if (rules.Problem(export) is { } problem)
        {
            return ImportResult.Failed($"That file cannot be imported: {problem} Nothing has been restored.");
        }
        var restorable = rules.WithGuideKeysOnly(export);

        // All or nothing: a file that fails halfway must leave the account empty, so it can be imported again.
        // Writing the person's own row first takes it for this transaction, so a second import of the same
        // person (another tab, a double click) waits here and then finds the account no longer empty.
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(set => set.SetProperty(u => u.ConcurrencyStamp, u => u.ConcurrencyStamp));
        if (await HasAnythingAsync(userId))
        {
            return ImportResult.Failed("Import restores into an empty account, and yours already has reflections, progress, check-ins or commitments.");
        }
        var reflections = await RestoreReflectionsAsync(userId, restorable.Reflections);
        var steps = await RestoreProgressAsync(userId, restorable.Progress);
        var restoredCheckIns = await RestoreCheckInsAsync(userId, restorable.CheckIns ?? []);
        var (commitments, skippedFromCommitments) = await RestoreCommitmentsAsync(userId, restorable.Commitments ?? []);
        var skippedChecks = await RestoreSafetyChecksAsync(userId, restorable.SafetyChecks ?? []);
        await transaction.CommitAsync();

        var skipped = export.Reflections.Count - reflections + (export.CheckIns?.Count ?? 0) - restoredCheckIns
            + skippedFromCommitments + skippedChecks + (export.SafetyChecks?.Count ?? 0) - (restorable.SafetyChecks?.Count ?? 0);
        return new ImportResult(null, reflections, steps, skipped, restoredCheckIns, commitments);
    }

    private async Task<bool> HasAnythingAsync(string userId) =>
        await journal.HasAnyAsync(userId)
        || await progress.HasAnyAsync(userId)
        || await checkIns.HasAnyAsync(userId)
        || await ledger.HasAnyAsync(userId)
        || await safetyChecks.HasAnyAsync(userId);

    // A reflection whose text was damaged when exported, or that names no step, is skipped.
    private async Task<int> RestoreReflectionsAsync(string userId, IReadOnlyList<ExportedReflection> reflections)
    {
        var restorable = reflections
            .Where(r => !string.IsNullOrWhiteSpace(r.Text) && !string.IsNullOrWhiteSpace(r.StepKey))
            .Select(r => new NewReflection(userId, r.StepKey, r.Prompt, r.Text!, Utc(r.CreatedAt), Utc(r.UpdatedAt)))
            .ToList();
        await journal.AddManyAsync(restorable);
        return restorable.Count;
    }

    private async Task<int> RestoreProgressAsync(string userId, IReadOnlyList<ExportedProgress> exported)
    {
        var steps = exported.DistinctBy(p => p.StepKey).Select(p => (p.StepKey, Utc(p.CompletedAt))).ToList();
        await progress.AddManyAsync(userId, steps);
        return steps.Count;
    }

    // A check-in marked damaged, or whose answers break the rules a check-in must follow, is skipped.
    private async Task<int> RestoreCheckInsAsync(string userId, IReadOnlyList<ExportedCheckIn> exported)
    {
        var restored = 0;
        foreach (var entry in exported)
        {
            if (entry is { Damaged: false, Trust: { } trust, Safety: { } safety }
                && new CheckInAnswers(trust, safety, entry.Feelings ?? [], entry.Note) is { IsValid: true } answers)
            {
                await checkIns.AddAsync(userId, entry.StepKey, answers, Utc(entry.CreatedAt));
                restored++;
            }
        }
        return restored;
    }

    // Replays each agreement's record in the order it was logged, starting from the wording it had before its first
    // renegotiation, so the ledger rebuilds the same history (and the same current wording) it would have kept.
    // Returns how many agreements were restored and how many agreements or entries had to be skipped as damaged.
    private async Task<(int Restored, int Skipped)> RestoreCommitmentsAsync(string userId, IReadOnlyList<ExportedCommitment> exported)
    {
        var (restored, skipped) = (0, 0);
        foreach (var commitment in exported)
        {
            var log = commitment.Log ?? [];
            var inOrder = log.OrderBy(e => e.CreatedAt).ToList();
            var original = inOrder.FirstOrDefault(e => e.Outcome == Outcome.Renegotiated) is { } first ? first.WordingBefore : commitment.Wording;
            if (string.IsNullOrWhiteSpace(original))
            {
                skipped += 1 + log.Count;
                continue;
            }
            var id = await ledger.AddAsync(userId, original, commitment.JourneyKey, commitment.StepKey, Utc(commitment.CreatedAt));
            restored++;
            foreach (var entry in inOrder)
            {
                if (entry.Outcome is not { } outcome || !Enum.IsDefined(outcome) || (outcome == Outcome.Renegotiated && string.IsNullOrWhiteSpace(entry.WordingAfter)))
                {
                    skipped++;
                    continue;
                }
                await ledger.LogAsync(userId, id, outcome, entry.On, entry.Note, entry.WordingAfter, Utc(entry.CreatedAt));
            }
        }
        return (restored, skipped);
    }

    private async Task<int> RestoreSafetyChecksAsync(string userId, IReadOnlyList<ExportedSafetyCheck> exported)
    {
        var skipped = 0;
        foreach (var check in exported)
        {
            if (check.Answers is null || string.IsNullOrWhiteSpace(check.JourneyKey))
            {
                skipped++;
                continue;
            }
            await safetyChecks.RecordAsync(userId, check.JourneyKey, check.Answers, keepAnswers: true, Utc(check.CompletedAt));
        }
        return skipped;
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
