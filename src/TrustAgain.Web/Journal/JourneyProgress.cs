using Microsoft.EntityFrameworkCore;
using TrustAgain.Web.Content;
using TrustAgain.Web.Data;

namespace TrustAgain.Web.Journal;

// Where one person stands in one journey.
public sealed record JourneyStatus(Journey Journey, IReadOnlySet<string> Done, bool Started)
{
    public int DoneCount => Journey.Steps.Count(s => Done.Contains(s.Key));

    public int Total => Journey.Steps.Count;

    public bool Finished => DoneCount == Total;

    // Where "continue where you left off" goes: the first step not yet done, or the first step once all are.
    public GuideStep ContinueAt => Journey.Steps.FirstOrDefault(s => !Done.Contains(s.Key)) ?? Journey.Steps[0];

    public string Summary => $"{DoneCount} of {Total} steps done";
}

public sealed class JourneyProgress(AppDbContext db, GuideLibrary guide, TimeProvider clock)
{
    public async Task<IReadOnlyList<JourneyStatus>> AllAsync(string userId)
    {
        var done = await DoneStepsAsync(userId);
        var written = await db.Reflections.Where(r => r.UserId == userId).Select(r => r.StepKey).Distinct().ToListAsync();
        var touched = done.Concat(written).ToHashSet();
        return [.. guide.Journeys.Select(j => new JourneyStatus(j, done, j.Steps.Any(s => touched.Contains(s.Key))))];
    }

    public async Task<JourneyStatus> ForAsync(string userId, Journey journey)
    {
        var done = await DoneStepsAsync(userId);
        return new JourneyStatus(journey, done, journey.Steps.Any(s => done.Contains(s.Key)));
    }

    // The journey of the step this person last worked on (marked done or wrote about), if any.
    public async Task<JourneyStatus?> CurrentAsync(string userId)
    {
        var lastDone = await db.Progress.Where(p => p.UserId == userId)
            .OrderByDescending(p => p.CompletedAt).Select(p => new { p.StepKey, At = p.CompletedAt }).FirstOrDefaultAsync();
        var lastWritten = await db.Reflections.Where(r => r.UserId == userId)
            .OrderByDescending(r => r.UpdatedAt).Select(r => new { r.StepKey, At = r.UpdatedAt }).FirstOrDefaultAsync();
        var last = new[] { lastDone, lastWritten }.Where(a => a is not null).MaxBy(a => a!.At);
        var journey = last is null ? null : guide.Journeys.FirstOrDefault(j => j.Steps.Any(s => s.Key == last.StepKey));
        return journey is null ? null : await ForAsync(userId, journey);
    }

    // When this person marked the step done, or null while it is not done.
    public Task<DateTime?> CompletedAtAsync(string userId, string stepKey) => CompletedAt(db, userId, stepKey);

    // Read on every visit to a step, so compiled once.
    private static readonly Func<AppDbContext, string, string, Task<DateTime?>> CompletedAt =
        EF.CompileAsyncQuery((AppDbContext db, string userId, string stepKey) => db.Progress.AsNoTracking()
            .Where(p => p.UserId == userId && p.StepKey == stepKey)
            .Select(p => (DateTime?)p.CompletedAt)
            .SingleOrDefault());

    public async Task<HashSet<string>> DoneStepsAsync(string userId) =>
        [.. await db.Progress.Where(p => p.UserId == userId).Select(p => p.StepKey).ToListAsync()];

    // Demo seeding passes completedAt to mark a step done on an earlier day; the app always marks it "now".
    public async Task MarkAsync(string userId, string stepKey, bool done, DateTime? completedAt = null)
    {
        if (!done)
        {
            await db.Progress.Where(p => p.UserId == userId && p.StepKey == stepKey).ExecuteDeleteAsync();
            return;
        }
        if (!await db.Progress.AnyAsync(p => p.UserId == userId && p.StepKey == stepKey))
        {
            db.Progress.Add(new StepProgress { UserId = userId, StepKey = stepKey, CompletedAt = completedAt ?? clock.GetUtcNow().UtcDateTime });
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
                // Marked done twice at once (two tabs): the step is done either way.
            }
            db.ChangeTracker.Clear();
        }
    }
}
