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

// Reads and writes one person's reflections and their search index (see SearchWords). Every query filters on the
// owner, and this is the only place reflection text is encrypted or decrypted.
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
        var key = await keys.ForAsync(userId);
        var row = NewRow(key, new NewReflection(userId, stepKey, prompt, text, now, now));
        row.FormId = formId;
        var words = WordsOf(key, row.Id, text);
        await RememberTagsAsync([(userId, words.Tags)]);
        db.Reflections.Add(row);
        db.ReflectionWords.Add(words.Row);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return row.Id;
    }

    // Writes many reflections in one save, each sealed with its owner's key and keeping the dates it was given:
    // an import restores a whole journal with it, and seeding fills a database thousands of entries at a time.
    public async Task AddManyAsync(IEnumerable<NewReflection> reflections)
    {
        var ownerKeys = new Dictionary<string, JournalCipher.UserKey>();
        var ownerTags = new Dictionary<string, HashSet<long>>();
        var rows = new List<(Reflection Row, ReflectionWords Words)>();
        foreach (var reflection in reflections)
        {
            if (!ownerKeys.TryGetValue(reflection.UserId, out var key))
            {
                ownerKeys[reflection.UserId] = key = await keys.ForAsync(reflection.UserId);
                ownerTags[reflection.UserId] = [];
            }
            var row = NewRow(key, reflection);
            var words = WordsOf(key, row.Id, reflection.Text);
            ownerTags[reflection.UserId].UnionWith(words.Tags);
            rows.Add((row, words.Row));
        }
        await RememberTagsAsync([.. ownerTags.Select(owner => (owner.Key, (IReadOnlyCollection<long>)owner.Value))]);
        foreach (var (row, words) in rows)
        {
            db.Reflections.Add(row);
            db.ReflectionWords.Add(words);
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
        var words = WordsOf(key, id, text);
        await RememberTagsAsync([(userId, words.Tags)]);
        // The new text and its index are written together: a search must never see one without the other.
        await using var transaction = await db.Database.BeginTransactionAsync();
        var updated = await db.Reflections
            .Where(r => r.Id == id && r.UserId == userId && r.Version == expectedVersion)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Ciphertext, ciphertext)
                .SetProperty(r => r.UpdatedAt, now)
                .SetProperty(r => r.Version, r => r.Version + 1));
        if (updated == 1)
        {
            await db.ReflectionWords.Where(w => w.ReflectionId == id && w.UserId == userId).ExecuteDeleteAsync();
            db.ReflectionWords.Add(words.Row);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            await transaction.CommitAsync();
            return SaveOutcome.Saved;
        }
        return await db.Reflections.AnyAsync(r => r.Id == id && r.UserId == userId) ? SaveOutcome.Conflict : SaveOutcome.NotFound;
    }

    // The entry's index goes with it (a cascade in the database).
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
        else if (await RequiredTagsAsync(userId, key, terms) is not { } tags)
        {
            // Text is encrypted, so the database cannot search it: decrypt this person's entries in memory,
            // streaming them so memory stays flat however long the journal is.
            entries = await MatchingAsync(key, query.Select(r => new IndexedRow(r, null)), terms, [], pageSize);
        }
        else if (await db.JournalWords.CountAsync(w => w.UserId == userId && tags.Contains(w.Tag)) < tags.Length)
        {
            // Some piece of a term is in none of this person's entries, so no entry can match: nothing is decrypted.
            entries = [];
        }
        else
        {
            // Only the entries whose index holds every piece are decrypted and checked.
            var indexed = query.Select(r => new IndexedRow(r,
                db.ReflectionWords.Where(w => w.ReflectionId == r.Id && w.UserId == userId).Select(w => w.Tags).FirstOrDefault()));
            entries = await MatchingAsync(key, indexed, terms, tags, pageSize);
        }

        var hasMore = entries.Count > pageSize;
        var page = entries.Take(pageSize).ToList();
        return new JournalPage(page, hasMore ? new JournalCursor(page[^1].CreatedAt, page[^1].Id) : null);
    }

    // A reflection as read for a search, with its index (null when it has none yet).
    private sealed record IndexedRow(Reflection Row, byte[]? Tags);

    private static async Task<List<ReflectionEntry>> MatchingAsync(JournalCipher.UserKey key, IQueryable<IndexedRow> rows,
        IReadOnlyList<string> terms, IReadOnlyCollection<long> tags, int pageSize)
    {
        var entries = new List<ReflectionEntry>();
        await foreach (var (row, packed) in rows.AsAsyncEnumerable())
        {
            // An entry without an index (written before it, and not reached yet) is always read.
            if (packed is not null && !SearchWords.HoldsAll(packed, tags))
            {
                continue;
            }
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
        return entries;
    }

    // The tags an entry must hold to match the terms, or null when the index cannot answer: no term has a word long
    // enough (see SearchWords), or this person's journal has not been indexed yet.
    private async Task<long[]?> RequiredTagsAsync(string userId, JournalCipher.UserKey key, IReadOnlyList<string> terms)
    {
        var pieces = SearchWords.Pieces(terms);
        if (pieces.Count == 0 || await db.UnindexedJournals.AnyAsync(u => u.UserId == userId))
        {
            return null;
        }
        return [.. pieces.Select(key.SearchTag).Distinct()];
    }

    // The next person whose journal is not indexed yet, or null when every journal is.
    public Task<string?> NextUnindexedAsync() => db.UnindexedJournals.Select(u => u.UserId).FirstOrDefaultAsync();

    // Indexes this person's entries that have no index yet, a batch at a time, then marks the journal indexed, so
    // their searches use the index from then on. Safe while the person writes: every save indexes its own entry.
    public async Task IndexAsync(string userId, CancellationToken cancellationToken)
    {
        const int batchSize = 500;
        var key = await keys.ForAsync(userId);
        var failedInARow = 0;
        while (true)
        {
            var batch = await db.Reflections.AsNoTracking()
                .Where(r => r.UserId == userId && !db.ReflectionWords.Any(w => w.ReflectionId == r.Id))
                .Select(r => new { r.Id, r.Ciphertext })
                .Take(batchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }
            // A damaged entry is indexed as holding nothing: no search can find its text anyway.
            var words = batch.Select(r => WordsOf(key, r.Id, key.Decrypt(r.Id, r.Ciphertext) ?? "")).ToList();
            await RememberTagsAsync([(userId, [.. words.SelectMany(w => w.Tags).Distinct()])]);
            db.ReflectionWords.AddRange(words.Select(w => w.Row));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                failedInARow = 0;
            }
            catch (DbUpdateException) when (++failedInARow < 3)
            {
                // The person edited or deleted one of these entries meanwhile, which indexed it or took it away: take
                // the batch again without it. A batch that keeps failing is another fault, and is thrown.
            }
            db.ChangeTracker.Clear();
        }
        await db.UnindexedJournals.Where(u => u.UserId == userId).ExecuteDeleteAsync(cancellationToken);
    }

    // Throws every index away and marks every journal as not indexed; IndexAsync then builds each again. Searches
    // read every entry until then, so results stay right throughout.
    public async Task ForgetEveryIndexAsync()
    {
        var people = await db.Users.Select(u => u.Id).Where(id => !db.UnindexedJournals.Any(u => u.UserId == id)).ToListAsync();
        db.UnindexedJournals.AddRange(people.Select(id => new UnindexedJournal { UserId = id }));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        await db.ReflectionWords.ExecuteDeleteAsync();
        await db.JournalWords.ExecuteDeleteAsync();
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

    // Adds the tags each person's journal has not held before, committed ahead of the entries that hold them, so the
    // tags always cover every entry (see JournalWord).
    private async Task RememberTagsAsync(IReadOnlyList<(string UserId, IReadOnlyCollection<long> Tags)> owners)
    {
        for (var attempt = 1; ; attempt++)
        {
            foreach (var (userId, tags) in owners)
            {
                var known = new HashSet<long>();
                foreach (var chunk in tags.Chunk(500))
                {
                    known.UnionWith(await db.JournalWords.Where(w => w.UserId == userId && chunk.Contains(w.Tag)).Select(w => w.Tag).ToListAsync());
                }
                db.JournalWords.AddRange(tags.Where(tag => !known.Contains(tag)).Select(tag => new JournalWord { UserId = userId, Tag = tag }));
            }
            try
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
                return;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another save of the same person's added one of these tags first: look again.
                db.ChangeTracker.Clear();
            }
        }
    }

    private static (ReflectionWords Row, IReadOnlyCollection<long> Tags) WordsOf(JournalCipher.UserKey key, Guid reflectionId, string text)
    {
        var tags = SearchWords.Pieces(text).Select(key.SearchTag).ToHashSet();
        return (new ReflectionWords { ReflectionId = reflectionId, UserId = key.OwnerId, Tags = SearchWords.Pack(tags) }, tags);
    }

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
