using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustAgain.Web.Data;
using TrustAgain.Web.Journal;

namespace TrustAgain.BrowserTests.Support;

// A few weeks of someone's history, placed straight into the app, so charts and "then and now" have something
// to show that could not be clicked together in one test.
public static class History
{
    public const string Prompt = "What do you most need the other person to understand about how this has affected you?";

    public static async Task AddWeeksOfCheckInsAsync(this BrowserApp app, string email)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var start = DateTime.UtcNow.Date.AddDays(-42).AddHours(20);
        var checkIns = scope.ServiceProvider.GetRequiredService<CheckIns>();
        (int Day, int Trust, int Safety, string[] Feelings, string? Note)[] history =
        [
            (0, 2, 4, ["numb", "angry"], "The first week. I could barely look at them."),
            (6, 3, 4, ["anxious"], null),
            (13, 3, 5, ["confused", "sad"], "We talked properly for the first time."),
            (20, 5, 6, ["hopeful"], null),
            (27, 4, 6, ["guarded"], "A bad day, but not like before."),
            (34, 6, 7, ["calm", "hopeful"], null),
            (41, 6, 8, ["relieved"], "Felt like a normal evening."),
        ];
        foreach (var (day, trust, safety, feelings, note) in history)
        {
            await checkIns.AddAsync(userId, null, new CheckInAnswers(trust, safety, feelings, note), start.AddDays(day));
        }
        db.Progress.Add(new StepProgress { UserId = userId, StepKey = "talk-openly-and-honestly", CompletedAt = start.AddDays(24) });
        await db.SaveChangesAsync();
    }

    // Marks the first step as done ten days into those weeks, as if it had been.
    public static async Task BackdateFirstStepAsync(this BrowserApp app, string email)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var at = DateTime.UtcNow.Date.AddDays(-32).AddHours(20);
        await db.Progress.Where(p => p.UserId == userId && p.StepKey == "acknowledge-the-breach")
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.CompletedAt, at));
    }

    // Two answers to the same prompt of the second step, the first five weeks old.
    public static async Task AddAnswersToOnePromptAsync(this BrowserApp app, string email)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var journal = scope.ServiceProvider.GetRequiredService<ReflectionJournal>();
        var first = await journal.AddAsync(userId, "talk-openly-and-honestly", Prompt, "That it hurts. I don't know how to say more than that yet.");
        await journal.AddAsync(userId, "talk-openly-and-honestly", Prompt, "That I am not overreacting. Being lied to for months changed how safe I feel at home.");
        var then = DateTime.UtcNow.AddDays(-35);
        await db.Reflections.Where(r => r.Id == first).ExecuteUpdateAsync(set => set.SetProperty(r => r.CreatedAt, then).SetProperty(r => r.UpdatedAt, then));
    }
}
