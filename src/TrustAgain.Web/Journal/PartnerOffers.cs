using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrustAgain.Web.Data;

namespace TrustAgain.Web.Journal;

public enum OfferExpiry
{
    Day,
    Week,
    Month,
    Never,
}

// An offer as one of the two people sees it. Text and Note are null while it is sealed for the reader (and when
// the stored ciphertext is damaged); the author always sees what they sent.
public sealed record OfferView(
    Guid Id, bool IsMine, string StepKey, Guid ReflectionId, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? OpenedAt,
    string? Text, string? Note)
{
    public bool IsSealed => !IsMine && OpenedAt is null;
}

// One line of the disclosure record: who (the person asking, or the other person), what, when, on which step.
public sealed record DisclosureLine(bool ByMe, DisclosureKind Kind, string StepKey, DateTime At);

// One of a person's own offers, as sent, for their export.
public sealed record SentOffer(DateTime CreatedAt, DateTime? ExpiresAt, DateTime? OpenedAt, string StepKey, string? Text, string? Note);

// What one person offered the other: the one owner of offers and of the disclosure record. Offers are sealed with
// the pair's key (PairLinks hands it out only to the pair's own members), and every query filters on the asking
// person's pair and on them being the author or the reader. An expired offer is never shown; the next change to
// the pair's offers deletes it and writes "expired" in the record.
public sealed class PartnerOffers(AppDbContext db, PairLinks links, TimeProvider clock)
{
    public const int MaxNoteLength = 500;

    private sealed record Sealed(string Text, string? Note);

    public static DateTime? ExpiresAt(DateTime from, OfferExpiry expiry) => expiry switch
    {
        OfferExpiry.Day => from.AddDays(1),
        OfferExpiry.Week => from.AddDays(7),
        OfferExpiry.Month => from.AddMonths(1),
        _ => null,
    };

    // The kept text is the preview the author saw: passages left out are replaced by the marker before anything
    // is sealed, so what was left out is never stored with the offer. Null when the author is not linked.
    public async Task<Guid?> OfferAsync(string authorId, Guid reflectionId, string stepKey, string text, string? note, OfferExpiry expiry)
    {
        if (await links.KeyAsync(authorId) is not ({ } link, { } key))
        {
            return null;
        }
        await ForgetExpiredAsync(link.PairId);
        var now = Now;
        var id = Guid.CreateVersion7(now);
        var kept = string.Concat(Passage.Split(text).Select(p => p.Text));
        db.Offers.Add(new Offer
        {
            Id = id,
            PairId = link.PairId,
            AuthorId = authorId,
            ReaderId = link.OtherId,
            ReflectionId = reflectionId,
            StepKey = stepKey,
            Ciphertext = key.EncryptJson(id, new Sealed(kept, string.IsNullOrWhiteSpace(note) ? null : note.Trim()), JsonSerializerOptions.Default),
            CreatedAt = now,
            ExpiresAt = ExpiresAt(now, expiry),
        });
        db.DisclosureEvents.Add(Event(link.PairId, id, authorId, stepKey, DisclosureKind.Offered, now));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return id;
    }

    // Both directions, newest first, without any text: the list on /together.
    public async Task<IReadOnlyList<OfferView>> ListAsync(string userId)
    {
        if (await links.FindAsync(userId) is not { } link)
        {
            return [];
        }
        var now = Now;
        var rows = await db.Offers.AsNoTracking()
            .Where(o => o.PairId == link.PairId && (o.AuthorId == userId || o.ReaderId == userId) && (o.ExpiresAt == null || o.ExpiresAt > now))
            .OrderByDescending(o => o.CreatedAt)
            .Select(o => new { o.Id, o.AuthorId, o.StepKey, o.ReflectionId, o.CreatedAt, o.ExpiresAt, o.OpenedAt })
            .ToListAsync();
        return [.. rows.Select(o => new OfferView(o.Id, o.AuthorId == userId, o.StepKey, o.ReflectionId, o.CreatedAt, o.ExpiresAt, o.OpenedAt, null, null))];
    }

    // One offer for its author or its reader; null for anyone else, and once it is withdrawn, expired or the link
    // has ended. Its text is decrypted only for the author, or for the reader after they chose to open it.
    public async Task<OfferView?> FindAsync(string userId, Guid offerId)
    {
        if (await links.KeyAsync(userId) is not ({ } link, { } key))
        {
            return null;
        }
        var now = Now;
        var row = await db.Offers.AsNoTracking().SingleOrDefaultAsync(o => o.Id == offerId && o.PairId == link.PairId
            && (o.AuthorId == userId || o.ReaderId == userId) && (o.ExpiresAt == null || o.ExpiresAt > now));
        if (row is null)
        {
            return null;
        }
        var mine = row.AuthorId == userId;
        var open = mine || row.OpenedAt is not null ? key.DecryptJson<Sealed>(row.Id, row.Ciphertext, JsonSerializerOptions.Default) : null;
        return new(row.Id, mine, row.StepKey, row.ReflectionId, row.CreatedAt, row.ExpiresAt, row.OpenedAt, open?.Text, open?.Note);
    }

    // The reader chooses to open it; opening twice records it once.
    public async Task<bool> OpenAsync(string userId, Guid offerId)
    {
        if (await links.FindAsync(userId) is not { } link)
        {
            return false;
        }
        await ForgetExpiredAsync(link.PairId);
        var now = Now;
        var offer = await db.Offers.AsNoTracking()
            .Where(o => o.Id == offerId && o.PairId == link.PairId && o.ReaderId == userId)
            .Select(o => new { o.AuthorId, o.StepKey, o.OpenedAt })
            .SingleOrDefaultAsync();
        if (offer is null)
        {
            return false;
        }
        if (offer.OpenedAt is null
            && await db.Offers.Where(o => o.Id == offerId && o.OpenedAt == null).ExecuteUpdateAsync(set => set.SetProperty(o => o.OpenedAt, now)) == 1)
        {
            db.DisclosureEvents.Add(Event(link.PairId, offerId, offer.AuthorId, offer.StepKey, DisclosureKind.Opened, now));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        return true;
    }

    // The author takes an offer back, opened or not: it is deleted, and the reader's next page no longer has it.
    public async Task<bool> WithdrawAsync(string userId, Guid offerId)
    {
        if (await links.FindAsync(userId) is not { } link)
        {
            return false;
        }
        await ForgetExpiredAsync(link.PairId);
        var stepKey = await db.Offers.Where(o => o.Id == offerId && o.PairId == link.PairId && o.AuthorId == userId)
            .Select(o => o.StepKey).SingleOrDefaultAsync();
        if (stepKey is null)
        {
            return false;
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Offers.Where(o => o.Id == offerId && o.AuthorId == userId).ExecuteDeleteAsync();
        db.DisclosureEvents.Add(Event(link.PairId, offerId, userId, stepKey, DisclosureKind.Withdrawn, Now));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        db.ChangeTracker.Clear();
        return true;
    }

    // The record both people see: what happened to each offer, with dates and steps only. Offers that have expired
    // but are not yet deleted are already shown as expired.
    public async Task<IReadOnlyList<DisclosureLine>> RecordAsync(string userId)
    {
        if (await links.FindAsync(userId) is not { } link)
        {
            return [];
        }
        var now = Now;
        var events = await db.DisclosureEvents.AsNoTracking().Where(e => e.PairId == link.PairId)
            .Select(e => new DisclosureLine(e.AuthorId == userId, e.Kind, e.StepKey, e.At)).ToListAsync();
        var expired = await db.Offers.AsNoTracking().Where(o => o.PairId == link.PairId && o.ExpiresAt != null && o.ExpiresAt <= now)
            .Select(o => new DisclosureLine(o.AuthorId == userId, DisclosureKind.Expired, o.StepKey, o.ExpiresAt!.Value)).ToListAsync();
        return [.. events.Concat(expired).OrderByDescending(e => e.At)];
    }

    // The header's quiet marker: one look-up on the reader's index. Offers exist only while their pair does, so
    // being their reader is being in the pair.
    public Task<bool> SomethingIsWaitingAsync(string userId)
    {
        var now = Now;
        return db.Offers.AnyAsync(o => o.ReaderId == userId && o.OpenedAt == null && (o.ExpiresAt == null || o.ExpiresAt > now));
    }

    // The person's own offers, as sent, for their export. What the other person offered them is not theirs.
    public async Task<IReadOnlyList<SentOffer>> SentAsync(string userId)
    {
        if (await links.KeyAsync(userId) is not ({ } link, { } key))
        {
            return [];
        }
        var rows = await db.Offers.AsNoTracking().Where(o => o.PairId == link.PairId && o.AuthorId == userId).OrderBy(o => o.CreatedAt).ToListAsync();
        return [.. rows.Select(o =>
        {
            var open = key.DecryptJson<Sealed>(o.Id, o.Ciphertext, JsonSerializerOptions.Default);
            return new SentOffer(o.CreatedAt, o.ExpiresAt, o.OpenedAt, o.StepKey, open?.Text, open?.Note);
        })];
    }

    private async Task ForgetExpiredAsync(Guid pairId)
    {
        var now = Now;
        var expired = await db.Offers.AsNoTracking().Where(o => o.PairId == pairId && o.ExpiresAt != null && o.ExpiresAt <= now)
            .Select(o => new { o.Id, o.AuthorId, o.StepKey, o.ExpiresAt }).ToListAsync();
        if (expired.Count == 0)
        {
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        var ids = expired.Select(o => o.Id).ToList();
        await db.Offers.Where(o => o.PairId == pairId && ids.Contains(o.Id)).ExecuteDeleteAsync();
        db.DisclosureEvents.AddRange(expired.Select(o => Event(pairId, o.Id, o.AuthorId, o.StepKey, DisclosureKind.Expired, o.ExpiresAt!.Value)));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        db.ChangeTracker.Clear();
    }

    private static DisclosureEvent Event(Guid pairId, Guid offerId, string authorId, string stepKey, DisclosureKind kind, DateTime at) =>
        new() { Id = Guid.CreateVersion7(at), PairId = pairId, OfferId = offerId, AuthorId = authorId, StepKey = stepKey, Kind = kind, At = at };

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
