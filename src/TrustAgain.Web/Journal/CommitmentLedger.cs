using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using TrustAgain.Web.Data;
using TrustAgain.Web.Encryption;
using TrustAgain.Web.Security;

namespace TrustAgain.Web.Journal;

public enum Outcome
{
    Kept,
    Slipped,
    Renegotiated,
}

// One logged entry as a person sees it. Outcome is null when the stored payload is damaged.
public sealed record CommitmentLog(
    Guid Id, DateOnly On, Outcome? Outcome, string? Note, string? WordingBefore, string? WordingAfter, DateTime CreatedAt)
{
    public bool IsDamaged => Outcome is null;
}

// An agreement with its whole record, oldest entry first. Wording is null when it is damaged.
public sealed record Agreement(
    Guid Id, string? Wording, string? JourneyKey, string? StepKey, DateTime CreatedAt, IReadOnlyList<CommitmentLog> Log)
{
    public bool IsDamaged => Wording is null;
}

// Reads and writes one person's commitments and their record. Every query filters on the owner, and this is the
// only place commitment wording and log entries are encrypted or decrypted. Export, import and demo seeding read
// everything with AllAsync and write with AddAsync/LogAsync, which accept chosen dates.
public sealed class CommitmentLedger(AppDbContext db, PersonKeys keys, TimeProvider clock, SecurityEvents events)
{
    public const int MaxWordingLength = 500;
    public const int MaxNoteLength = 2_000;

    // The journeys whose steps offer "Record an agreement": the ones about agreeing how to go on.
    public static readonly IReadOnlySet<string> OfferedOnJourneys = new HashSet<string> { "boundaries", "transparency" };

    private static readonly JsonSerializerOptions PayloadJson = new()
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<Guid> AddAsync(string userId, string wording, string? journeyKey, string? stepKey, DateTime? createdAt = null)
    {
        var key = await keys.ForAsync(userId);
        var at = createdAt ?? clock.GetUtcNow().UtcDateTime;
        var id = Guid.CreateVersion7(at);
        db.Commitments.Add(new Commitment
        {
            Id = id,
            UserId = userId,
            JourneyKey = journeyKey,
            StepKey = stepKey,
            Ciphertext = key.Encrypt(id, wording),
            CreatedAt = at,
        });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return id;
    }

    // Logs one entry. A renegotiation also replaces the commitment's wording, in the same transaction; the entry
    // keeps both wordings, so the history still shows what was agreed before. False when this person has no such
    // commitment.
    public async Task<bool> LogAsync(string userId, Guid commitmentId, Outcome outcome, DateOnly on, string? note,
        string? newWording = null, DateTime? createdAt = null)
    {
        var key = await keys.ForAsync(userId);
        var commitment = await db.Commitments.SingleOrDefaultAsync(c => c.Id == commitmentId && c.UserId == userId);
        if (commitment is null)
        {
            await NoteForeignIdAsync(userId, commitmentId);
            return false;
        }
        var payload = new EntryPayload(outcome, Blank(note));
        if (outcome == Outcome.Renegotiated)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(newWording);
            // A damaged earlier wording is recorded as unknown; the new wording still replaces it.
            payload = payload with { Before = key.Decrypt(commitment.Id, commitment.Ciphertext), After = newWording };
            commitment.Ciphertext = key.Encrypt(commitment.Id, newWording);
        }
        var at = createdAt ?? clock.GetUtcNow().UtcDateTime;
        var id = Guid.CreateVersion7(at);
        db.CommitmentEntries.Add(new CommitmentEntry
        {
            Id = id,
            CommitmentId = commitment.Id,
            UserId = userId,
            On = on,
            Ciphertext = key.EncryptJson(id, payload, PayloadJson),
            CreatedAt = at,
        });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return true;
    }

    public async Task<Agreement?> FindAsync(string userId, Guid id)
    {
        var key = await keys.ForAsync(userId);
        var row = await db.Commitments.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.UserId == userId);
        if (row is null)
        {
            await NoteForeignIdAsync(userId, id);
            return null;
        }
        var entries = await db.CommitmentEntries.AsNoTracking()
            .Where(e => e.UserId == userId && e.CommitmentId == id)
            .ToListAsync();
        return ToAgreement(key, row, entries);
    }

    public Task<bool> HasAnyAsync(string userId) => db.Commitments.AnyAsync(c => c.UserId == userId);

    // Every commitment this person has, oldest first, each with its whole record decrypted.
    public async Task<IReadOnlyList<Agreement>> AllAsync(string userId)
    {
        var key = await keys.ForAsync(userId);
        var rows = await db.Commitments.AsNoTracking()
            .Where(c => c.UserId == userId)
            .OrderBy(c => c.CreatedAt)
            .ToListAsync();
        var entries = (await db.CommitmentEntries.AsNoTracking().Where(e => e.UserId == userId).ToListAsync())
            .ToLookup(e => e.CommitmentId);
        return [.. rows.Select(row => ToAgreement(key, row, entries[row.Id]))];
    }

    // Deletes the commitment and, by cascade, its whole record.
    public async Task<bool> DeleteAsync(string userId, Guid id) =>
        await db.Commitments.Where(c => c.Id == id && c.UserId == userId).ExecuteDeleteAsync() == 1;

    // Someone else's commitment looks exactly like a missing one to the person asking, but is worth recording.
    private async Task NoteForeignIdAsync(string userId, Guid id)
    {
        if (await db.Commitments.AnyAsync(c => c.Id == id))
        {
            events.ForeignIdAccess(userId, "commitment");
        }
    }

    private static Agreement ToAgreement(JournalCipher.UserKey key, Commitment row, IEnumerable<CommitmentEntry> entries) =>
        new(row.Id, key.Decrypt(row.Id, row.Ciphertext), row.JourneyKey, row.StepKey, row.CreatedAt,
            [.. entries.OrderBy(e => e.On).ThenBy(e => e.CreatedAt).Select(e => ToLog(key, e))]);

    private static CommitmentLog ToLog(JournalCipher.UserKey key, CommitmentEntry row)
    {
        var payload = key.DecryptJson<EntryPayload>(row.Id, row.Ciphertext, PayloadJson);
        return new(row.Id, row.On, payload?.Outcome, payload?.Note, payload?.Before, payload?.After, row.CreatedAt);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private sealed record EntryPayload(Outcome Outcome, string? Note, string? Before = null, string? After = null);
}
