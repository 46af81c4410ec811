using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrustAgain.Web.Data;
using TrustAgain.Web.Encryption;

namespace TrustAgain.Web.Journal;

// What a person asked their journal for: words to search for and which steps to show (either may be empty).
public sealed record JournalQuery(string? Words, string? Show);

// Keeps a person's journal searches for the signed-in session that made them, under random ids, so a search's
// results have an address of their own (/journal?search=id: Back and Reload work) while the words stay out of
// URLs and history. The only code that reads or writes these rows; the words are encrypted with the person's key.
// A row is found only by its owner in the same session; signing out or deleting the account removes it.
public sealed class JournalSearches(AppDbContext db, PersonKeys keys, TimeProvider clock)
{
    // Enough for Back through an evening's searching; older ones are forgotten as new ones are kept.
    public const int KeptPerSession = 30;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<Guid> KeepAsync(string userId, Guid sessionId, JournalQuery query)
    {
        var key = await keys.ForAsync(userId);
        var id = Guid.NewGuid();
        db.JournalSearches.Add(new JournalSearch
        {
            Id = id,
            UserId = userId,
            SessionId = sessionId,
            Ciphertext = key.EncryptJson(id, query, Json),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var forgotten = await db.JournalSearches.AsNoTracking()
            .Where(s => s.UserId == userId && s.SessionId == sessionId)
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
            .Skip(KeptPerSession).Select(s => s.Id).ToListAsync();
        if (forgotten.Count > 0)
        {
            await db.JournalSearches.Where(s => s.UserId == userId && forgotten.Contains(s.Id)).ExecuteDeleteAsync();
        }
        return id;
    }

    // Null when there is no such search for this person in this session (another's, another session's, forgotten).
    public async Task<JournalQuery?> FindAsync(string userId, Guid sessionId, Guid id)
    {
        var row = await db.JournalSearches.AsNoTracking()
            .SingleOrDefaultAsync(s => s.Id == id && s.UserId == userId && s.SessionId == sessionId);
        return row is null ? null : (await keys.ForAsync(userId)).DecryptJson<JournalQuery>(row.Id, row.Ciphertext, Json);
    }
}
