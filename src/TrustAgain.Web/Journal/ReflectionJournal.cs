using Microsoft.EntityFrameworkCore;
using TrustAgain.Web.Data;
using TrustAgain.Web.Encryption;
using TrustAgain.Web.Security;

namespace TrustAgain.Web.Journal;

// A reflection as a person sees it. Text is null when the stored ciphertext is damaged.
public sealed record ReflectionEntry(
    Guid Id, string StepKey, string? Prompt, string? Text, DateTime CreatedAt, DateTime UpdatedAt, int Version)
{
    public bool IsDamaged => Text is null;
}

// A reflection to write with dates of its own (restored from an export, or seeded).
public sealed record NewReflection(string UserId, string StepKey, string? Prompt, string Text, DateTime CreatedAt, DateTime UpdatedAt);

public enum SaveOutcome
{
    Saved,
    NotFound,
    Conflict,
}

// Reads and writes one person's reflections. Every query filters on the owner, and this is the only
// place reflection text is encrypted or decrypted.
public sealed class ReflectionJournal(AppDbContext db, PersonKeys keys, TimeProvider clock, SecurityEvents events)
{
    // Demo seeding passes createdAt to place an entry in the past; the app always writes "now".
    public Task<Guid> AddAsync(string userId, string stepKey, string? prompt, string text, DateTime? createdAt = null) =>
        InsertAsync(userId, stepKey, prompt, text, createdAt, formId: null);

    // Saves what was written in the one-time form `formId` once. The same form sent again with the same words (a
    // double click, a resubmission, Back and Save) finds the entry it made instead of storing a copy. Sent again
    // with other words, it is a new thought and is kept as a new entry, so nothing typed is ever dropped.
    public async Task<Guid> AddOnceAsync(string userId, Guid formId, string stepKey, string? prompt, string text)
    {
        var key = await keys.ForAsync(userId);
        var earlier = await FromFormAsync(userId, formId);
        if (earlier is not null)
        {
            return key.Decrypt(earlier.Id, earlier.Ciphertext) == text
                ? earlier.Id
                : await InsertAsync(userId, stepKey, prompt, text, createdAt: null, formId: null);
        }
        try
        {
            return await InsertAsync(userId, stepKey, prompt, text, createdAt: null, formId);
        }
        catch (DbUpdateException)
        {
            // Two submits of one form raced and the unique index let only the other one in.
            db.ChangeTracker.Clear();
            if (await FromFormAsync(userId, formId) is { } raced && key.Decrypt(raced.Id, raced.Ciphertext) == text)
            {
                return raced.Id;
            }
            throw;
        }
    }

    private Task<Reflection?> FromFormAsync(string userId, Guid formId) =>
        db.Reflections.AsNoTracking().SingleOrDefaultAsync(r => r.UserId == userId && r.FormId == formId);

    private async Task<Guid> InsertAsync(string userId, string stepKey, string? prompt, string text, DateTime? createdAt, Guid? formId)
    {
        var now = createdAt ?? clock.GetUtcNow().UtcDateTime;
        var row = NewRow(await keys.ForAsync(userId), new NewReflection(userId, stepKey, prompt, text, now, now));
        row.FormId = formId;
        db.Reflections.Add(row);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return row.Id;
    }

    // Writes many reflections in one save, each sealed with its owner's key and keeping the dates it was given:
    // an import restores a whole journal with it, and seeding fills a database thousands of entries at a time.
    public async Task AddManyAsync(IEnumerable<NewReflection> reflections)
    {
        var ownerKeys = new Dictionary<string, JournalCipher.UserKey>();
        foreach (var reflection in reflections)
        {
            if (!ownerKeys.TryGetValue(reflection.UserId, out var key))
            {
                ownerKeys[reflection.UserId] = key = await keys.ForAsync(reflection.UserId);
            }
            db.Reflections.Add(NewRow(key, reflection));
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    // Saves an edit only if nobody saved since `expectedVersion` was read; otherwise reports the conflict.
    public async Task<SaveOutcome> UpdateAsync(string userId, Guid id, int expectedVersion, string text)
    {
        var key = await keys.ForAsync(userId);
        var ciphertext = key.Encrypt(id, text);
        var now = clock.GetUtcNow().UtcDateTime;
        var updated = await db.Reflections
            .Where(r => r.Id == id && r.UserId == userId && r.Version == expectedVersion)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Ciphertext, ciphertext)
                .SetProperty(r => r.UpdatedAt, now)
                .SetProperty(r => r.Version, r => r.Version + 1));
        if (updated == 1)
        {
            return SaveOutcome.Saved;
        }
        return await db.Reflections.AnyAsync(r => r.Id == id && r.UserId == userId) ? SaveOutcome.Conflict : SaveOutcome.NotFound;
    }

    public async Task<bool> DeleteAsync(string userId, Guid id) =>
        await db.Reflections.Where(r => r.Id == id && r.UserId == userId).ExecuteDeleteAsync() == 1;

    public async Task<ReflectionEntry?> FindAsync(string userId, Guid id)
    {
        var key = await keys.ForAsync(userId);
        var row = await db.Reflections.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.UserId == userId);
        if (row is null)
        {
            // Someone else's entry looks exactly like a missing one to the person asking, but is worth recording.
            if (await db.Reflections.AnyAsync(r => r.Id == id))
            {
                events.ForeignIdAccess(userId, "reflection");
            }
            return null;
        }
        return ToEntry(key, row);
    }

    public async Task<IReadOnlyList<ReflectionEntry>> ForStepAsync(string userId, string stepKey)
    {
        var key = await keys.ForAsync(userId);
        var entries = new List<ReflectionEntry>();
        await foreach (var row in OnStep(db, userId, stepKey))
        {
            entries.Add(ToEntry(key, row));
        }
        return entries;
    }

    // A step page's entries: read on every visit to a step, so compiled once.
    private static readonly Func<AppDbContext, string, string, IAsyncEnumerable<Reflection>> OnStep =
        EF.CompileAsyncQuery<AppDbContext, string, string, Reflection>((db, userId, stepKey) => db.Reflections.AsNoTracking()
            .Where(r => r.UserId == userId && r.StepKey == stepKey)
            .OrderByDescending(r => r.CreatedAt));

    // One page of the journal, newest first, optionally limited to some steps and to entries containing
    // every search term. Paging is by keyset (the last entry's time and id), so deep pages stay fast.
    public async Task<JournalPage> PageAsync(string userId, IReadOnlyCollection<string>? stepKeys, string? search,
        JournalCursor? after, int pageSize)
    {
        var key = await keys.ForAsync(userId);
        var query = db.Reflections.AsNoTracking().Where(r => r.UserId == userId);
        if (stepKeys is not null)
        {
            query = query.Where(r => stepKeys.Contains(r.StepKey));
        }
        if (after is { } cursor)
        {
            query = query.Where(r => r.CreatedAt < cursor.CreatedAt
                || (r.CreatedAt == cursor.CreatedAt && r.Id.CompareTo(cursor.Id) < 0));
        }
        query = query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id);

        List<ReflectionEntry> entries;
        var terms = SearchTerms(search);
        if (terms.Count == 0)
        {
            var rows = await query.Take(pageSize + 1).ToListAsync();
            entries = [.. rows.Select(r => ToEntry(key, r))];
        }
        else
        {
            // Text is encrypted, so the database cannot search it: decrypt this person's entries in memory,
            // streaming them so memory stays flat however long the journal is.
            entries = [];
            await foreach (var row in query.AsAsyncEnumerable())
            {
                var entry = ToEntry(key, row);
                if (entry.Text is { } text && terms.All(t => text.Contains(t, StringComparison.OrdinalIgnoreCase)))
                {
                    entries.Add(entry);
                    if (entries.Count > pageSize)
                    {
                        break;
                    }
                }
            }
        }

        var hasMore = entries.Count > pageSize;
        var page = entries.Take(pageSize).ToList();
        return new JournalPage(page, hasMore ? new JournalCursor(page[^1].CreatedAt, page[^1].Id) : null);
    }

    public Task<bool> HasAnyAsync(string userId) => db.Reflections.AnyAsync(r => r.UserId == userId);

    // The steps this person has written about, for "started" on the journeys page; no text is read.
    public async Task<IReadOnlySet<string>> StepsWrittenOnAsync(string userId) =>
        (await db.Reflections.Where(r => r.UserId == userId).Select(r => r.StepKey).Distinct().ToListAsync()).ToHashSet();

    // The step of the entry this person saved last, and when, for "continue where you left off"; no text is read.
    public async Task<(string StepKey, DateTime At)?> LastWrittenAsync(string userId) =>
        await db.Reflections.Where(r => r.UserId == userId)
            .OrderByDescending(r => r.UpdatedAt)
            .Select(r => new { r.StepKey, r.UpdatedAt })
            .FirstOrDefaultAsync() is { } last ? (last.StepKey, last.UpdatedAt) : null;

    public async Task<IReadOnlyList<ReflectionEntry>> AllAsync(string userId)
    {
        var key = await keys.ForAsync(userId);
        var rows = await db.Reflections.AsNoTracking()
            .Where(r => r.UserId == userId)
            .OrderBy(r => r.CreatedAt)
            .ToListAsync();
        return [.. rows.Select(r => ToEntry(key, r))];
    }

    public static IReadOnlyList<string> SearchTerms(string? search) =>
        string.IsNullOrWhiteSpace(search)
            ? []
            : [.. search.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().Take(8)];

    private static Reflection NewRow(JournalCipher.UserKey key, NewReflection reflection)
    {
        var id = Guid.CreateVersion7(reflection.CreatedAt);
        return new Reflection
        {
            Id = id,
            UserId = reflection.UserId,
            StepKey = reflection.StepKey,
            Prompt = reflection.Prompt,
            Ciphertext = key.Encrypt(id, reflection.Text),
            CreatedAt = reflection.CreatedAt,
            UpdatedAt = reflection.UpdatedAt,
            Version = 1,
        };
    }

    private static ReflectionEntry ToEntry(JournalCipher.UserKey key, Reflection row) =>
        new(row.Id, row.StepKey, row.Prompt, key.Decrypt(row.Id, row.Ciphertext), row.CreatedAt, row.UpdatedAt, row.Version);
}

public sealed record JournalPage(IReadOnlyList<ReflectionEntry> Entries, JournalCursor? Next);

// Where the next page starts; travels in the URL as "ticks_id", which reveals no text.
public readonly record struct JournalCursor(DateTime CreatedAt, Guid Id)
{
    public override string ToString() => $"{CreatedAt.Ticks}_{Id:N}";

    public static JournalCursor? Parse(string? value)
    {
        var parts = value?.Split('_');
        return parts is [var ticks, var id] && long.TryParse(ticks, out var t) && t >= DateTime.MinValue.Ticks && t <= DateTime.MaxValue.Ticks
            && Guid.TryParseExact(id, "N", out var g)
            ? new JournalCursor(new DateTime(t, DateTimeKind.Utc), g)
            : null;
    }
}
