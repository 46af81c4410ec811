using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrustAgain.Web.Data;
using TrustAgain.Web.Encryption;

namespace TrustAgain.Web.Journal;

// One question of the safety check. The wording follows the signs listed on the safety page (content/safety.md):
// second person, plain, about what happens rather than what anyone is, with no blame and no diagnosis.
public sealed record SafetyQuestion(string Key, string Text);

public enum SafetyAnswer
{
    No,
    Yes,
    NotSure,
}

// What is remembered about a check: when it was taken, and the answers only if the person chose to keep them
// (null otherwise, or when the stored answers are damaged).
public sealed record SafetyCheckRecord(DateTime CompletedAt, bool KeptAnswers, IReadOnlyDictionary<string, SafetyAnswer>? Answers);

// The short safety check before the journeys that ask most of a person: forgiving, and opening up again.
// Those journeys could do harm in a relationship that is not safe, so before them we ask, kindly, and point to help.
public sealed class SafetyChecks(AppDbContext db, PersonKeys keys, TimeProvider clock)
{
    public static readonly IReadOnlySet<string> GatedJourneys = new HashSet<string> { "forgiveness", "vulnerability" };

    // The private questions before linking with another person (content/partner-texts.yml) are kept, or not, as a
    // check of their own under this key.
    public const string SafePairing = "together";

    // Where the check suggests going instead when an answer points to danger.
    public const string HealingJourney = "healing";

    // How an answer reads to the person, on the page and in their export.
    public static string Label(SafetyAnswer answer) => answer switch
    {
        SafetyAnswer.Yes => "Yes",
        SafetyAnswer.No => "No",
        _ => "Not sure",
    };

    public static readonly IReadOnlyList<SafetyQuestion> Questions =
    [
        new("fear", "Do you feel afraid of the other person, or change what you do to avoid how they might react?"),
        new("threats", "Has the other person threatened you — with harm, with leaving you with nothing, with taking the children, or with hurting themselves if you leave?"),
        new("control", "Does the other person control your money, your phone, or who you see and talk to?"),
        new("violence", "Has the other person ever pushed, hit, held down or hurt you, or pressured or forced you into sex?"),
    ];

    public static bool Gates(string journeyKey) => GatedJourneys.Contains(journeyKey);

    // "Yes" and "not sure" both show the help: nobody should have to be certain before being told where help is.
    public static bool SuggestsDanger(IReadOnlyDictionary<string, SafetyAnswer> answers) =>
        answers.Values.Any(a => a is SafetyAnswer.Yes or SafetyAnswer.NotSure);

    public async Task<bool> IsCompletedAsync(string userId, string journeyKey) =>
        await db.SafetyChecks.AnyAsync(c => c.UserId == userId && c.JourneyKey == journeyKey);

    public async Task<SafetyCheckRecord?> FindAsync(string userId, string journeyKey)
    {
        var row = await db.SafetyChecks.AsNoTracking().SingleOrDefaultAsync(c => c.UserId == userId && c.JourneyKey == journeyKey);
        if (row is null)
        {
            return null;
        }
        if (row.Answers is null)
        {
            return new(row.CompletedAt, false, null);
        }
        var key = await keys.ForAsync(userId);
        return new(row.CompletedAt, true, Read(key, row));
    }

    public Task<bool> HasAnyAsync(string userId) => db.SafetyChecks.AnyAsync(c => c.UserId == userId);

    // Every check this person has taken, by journey, for the export.
    public async Task<IReadOnlyDictionary<string, SafetyCheckRecord>> AllAsync(string userId)
    {
        var key = await keys.ForAsync(userId);
        var rows = await db.SafetyChecks.AsNoTracking().Where(c => c.UserId == userId).ToListAsync();
        return rows.ToDictionary(row => row.JourneyKey, row => row.Answers is null
            ? new SafetyCheckRecord(row.CompletedAt, false, null)
            : new SafetyCheckRecord(row.CompletedAt, true, Read(key, row)));
    }

    // Records that the check was taken, replacing any earlier record for the journey. The answers are stored,
    // encrypted, only when the person asks for it. An import passes when the check was originally taken.
    public async Task RecordAsync(string userId, string journeyKey, IReadOnlyDictionary<string, SafetyAnswer> answers, bool keepAnswers,
        DateTime? completedAt = null)
    {
        var at = completedAt ?? clock.GetUtcNow().UtcDateTime;
        var id = Guid.CreateVersion7(at);
        var stored = keepAnswers
            ? (await keys.ForAsync(userId)).EncryptJson(id, answers.ToDictionary(a => a.Key, a => a.Value.ToString()), JsonSerializerOptions.Default)
            : null;
        // An import restores everything in one transaction of its own; this joins it rather than starting another.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        await db.SafetyChecks.Where(c => c.UserId == userId && c.JourneyKey == journeyKey).ExecuteDeleteAsync();
        db.SafetyChecks.Add(new SafetyCheck { Id = id, UserId = userId, JourneyKey = journeyKey, CompletedAt = at, Answers = stored });
        await db.SaveChangesAsync();
        if (transaction is not null)
        {
            await transaction.CommitAsync();
        }
        db.ChangeTracker.Clear();
    }

    // Kept answers that do not decrypt, or name an answer we do not know, count as damaged.
    private static Dictionary<string, SafetyAnswer>? Read(JournalCipher.UserKey key, SafetyCheck row)
    {
        if (key.DecryptJson<Dictionary<string, string>>(row.Id, row.Answers!, JsonSerializerOptions.Default) is not { } raw)
        {
            return null;
        }
        try
        {
            return raw.ToDictionary(a => a.Key, a => Enum.Parse<SafetyAnswer>(a.Value));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
