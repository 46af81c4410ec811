using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrustAgain.Web.Data;
using TrustAgain.Web.Encryption;

namespace TrustAgain.Web.Journal;

// What a person answered in one check-in. Stored as one encrypted JSON payload per row.
public sealed record CheckInAnswers(int Trust, int Safety, IReadOnlyList<string> Feelings, string? Note)
{
    public const int Lowest = 0;
    public const int Highest = 10;

    public bool IsValid =>
        Trust is >= Lowest and <= Highest && Safety is >= Lowest and <= Highest && Feelings.All(Insights.Feelings.IsKnown);
}

// A check-in as its owner sees it. Answers are null when the stored ciphertext is damaged.
public sealed record CheckInEntry(Guid Id, string? StepKey, DateTime CreatedAt, CheckInAnswers? Answers)
{
    public bool IsDamaged => Answers is null;
}

// Reads and writes one person's check-ins. Every query filters on the owner, and this is the only place
// check-in answers are encrypted or decrypted.
public sealed class CheckIns(AppDbContext db, PersonKeys keys, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<Guid> AddAsync(string userId, string? stepKey, CheckInAnswers answers) =>
        AddAsync(userId, stepKey, answers, clock.GetUtcNow().UtcDateTime);

    // Takes the time explicitly so a restored backup or demo data keeps when each check-in was made.
    public async Task<Guid> AddAsync(string userId, string? stepKey, CheckInAnswers answers, DateTime createdAt)
    {
        if (!answers.IsValid)
        {
            throw new ArgumentException("Scores run from 0 to 10 and feelings come from the fixed list.", nameof(answers));
        }
        var key = await keys.ForAsync(userId);
        var id = Guid.CreateVersion7(createdAt);
        db.CheckIns.Add(new CheckIn
        {
            Id = id,
            UserId = userId,
            StepKey = stepKey,
            Ciphertext = key.EncryptJson(id, answers, Json),
            CreatedAt = createdAt,
        });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return id;
    }

    public Task<bool> HasAnyAsync(string userId) => db.CheckIns.AnyAsync(c => c.UserId == userId);

    // When this person last checked in, for a reminder that suggests one; no answer is read.
    public Task<DateTime?> LastAtAsync(string userId) =>
        db.CheckIns.Where(c => c.UserId == userId).OrderByDescending(c => c.CreatedAt).Select(c => (DateTime?)c.CreatedAt).FirstOrDefaultAsync();

    // Every check-in of this person, oldest first, decrypted.
    public async Task<IReadOnlyList<CheckInEntry>> AllAsync(string userId)
    {
        var key = await keys.ForAsync(userId);
        var rows = await db.CheckIns.AsNoTracking()
            .Where(c => c.UserId == userId)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .ToListAsync();
        return [.. rows.Select(row => new CheckInEntry(row.Id, row.StepKey, row.CreatedAt, Open(key, row)))];
    }

    // A row that fails to decrypt, or decrypts to something that is not a valid check-in, counts as damaged.
    private static CheckInAnswers? Open(JournalCipher.UserKey key, CheckIn row) =>
        key.DecryptJson<CheckInAnswers>(row.Id, row.Ciphertext, Json) is { IsValid: true } answers ? answers : null;
}
