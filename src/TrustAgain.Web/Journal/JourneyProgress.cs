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

    public string Summary => $"{DoneCount} of {Plural.Of(Total, "step")} done";
}

// Reads and writes which guide steps one person has marked done, and when. Every query filters on the owner.
public sealed class JourneyProgress(AppDbContext db, ReflectionJournal journal, GuideLibrary guide, TimeProvider clock)
{
    public async Task<IReadOnlyList<JourneyStatus>> AllAsync(string userId)
    {
        var done = await DoneStepsAsync(userId);
        var touched = done.Concat(await journal.StepsWrittenOnAsync(userId)).ToHashSet();
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
            .OrderByDescending(p => p.CompletedAt).Select(p => new { p.StepKey, p.CompletedAt }).FirstOrDefaultAsync();
        var lastWritten = await journal.LastWrittenAsync(userId);
        var lastStep = (lastDone, lastWritten) switch
        {
            ({ } done, { } written) => done.CompletedAt >= written.At ? done.StepKey : written.StepKey,
            ({ } done, null) => done.StepKey,
            (null, { } written) => written.StepKey,
            _ => null,
        };
        var journey = lastStep is null ? null : guide.Journeys.FirstOrDefault(j => j.Steps.Any(s => s.Key == lastStep));
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

    // Every step this person marked done and when, oldest first, including steps since removed from the guide:
    // the export keeps them all.
    public async Task<IReadOnlyList<(string StepKey, DateTime CompletedAt)>> HistoryAsync(string userId) =>
        [.. (await db.Progress.AsNoTracking()
            .Where(p => p.UserId == userId)
            .OrderBy(p => p.CompletedAt)
            .Select(p => new { p.StepKey, p.CompletedAt })
            .ToListAsync())
            .Select(p => (p.StepKey, p.CompletedAt))];

    // The completed steps that are still in the guide, oldest first, for the charts on /insights and in a
    // counsellor summary: a step since removed from the guide has no title or place to show.
    public async Task<IReadOnlyList<(GuideStep Step, DateTime CompletedAt)>> CompletedStepsAsync(string userId) =>
        [.. (await HistoryAsync(userId))
            .Select(p => (Step: guide.FindStep(p.StepKey), p.CompletedAt))
            .Where(p => p.Step is not null)
            .Select(p => (p.Step!, p.CompletedAt))];

    public Task<bool> HasAnyAsync(string userId) => db.Progress.AnyAsync(p => p.UserId == userId);

    // Restores steps done on the dates they were done, in one save, into an account with no progress yet.
    public async Task AddManyAsync(string userId, IEnumerable<(string StepKey, DateTime CompletedAt)> steps)
    {
        foreach (var (stepKey, completedAt) in steps.DistinctBy(s => s.StepKey))
        {
            db.Progress.Add(new StepProgress { UserId = userId, StepKey = stepKey, CompletedAt = completedAt });
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

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
