using Microsoft.AspNetCore.Identity;
using TrustAgain.Web.Journal;
using TrustAgain.Web.Content;
using TrustAgain.Web.Data;
using TrustAgain.Web.Encryption;

namespace TrustAgain.Web.Seeding;

// `seed --demo`: one person who has worked through "Rebuilding trust" over the last six weeks, with agreements from
// the boundaries and transparency journeys — enough to show insights, then and now, and the commitment record.
// Everything is written through the app's own services, so it is encrypted exactly as a real person's would be.
// Running it again deletes the demo account (and, by cascade, everything in it) and creates it afresh.
public static class DemoSeed
{
    public const string Email = "demo@trustagain.example";
    public const string Password = "slow steady river walk";
    public const int Days = 42;

    // Day of the six weeks, trust and safety (0–10), the step just marked done that day, feelings, an optional note.
    // Trust climbs slowly, dips when the Sunday talk is missed (day 20) and after a late night without a message
    // (day 31), and recovers as agreements are kept; safety moves less, as it tends to.
    private static readonly (int Day, int Trust, int Safety, string? Step, string[] Feelings, string? Note)[] CheckInPlan =
    [
        (0, 2, 5, null, ["numb", "sad"], "First time writing any of this down."),
        (2, 3, 5, "acknowledge-the-breach", ["sad", "relieved"], "Saying plainly what happened helped more than I expected."),
        (4, 3, 6, null, ["anxious"], null),
        (7, 3, 6, null, ["guarded", "hopeful"], null),
        (9, 4, 6, "talk-openly-and-honestly", ["hopeful", "anxious"], "We talked for an hour without raising our voices."),
        (12, 4, 7, "agree-on-honest-communication", ["calm"], null),
        (14, 5, 7, null, ["hopeful"], "Our first Sunday talk was yesterday. Short, but it happened."),
        (17, 5, 7, "apologise-sincerely", ["relieved", "hopeful"], "The apology named what happened, without excuses. That mattered."),
        (20, 3, 5, null, ["angry", "sad"], "No Sunday talk tonight. The old feelings came straight back."),
        (21, 3, 6, null, ["guarded", "confused"], null),
        (23, 4, 7, "agree-on-expectations", ["hopeful", "guarded"], null),
        (25, 5, 7, null, ["calm"], null),
        (28, 5, 7, null, ["calm", "hopeful"], "We changed the Sunday agreement so it fits our weeks. It feels more honest."),
        (30, 6, 8, "show-consistent-behaviour", ["hopeful"], "A month of small promises, mostly kept."),
        (31, 5, 7, null, ["anxious"], "A late night with no message. We talked it through the next morning."),
        (35, 6, 8, null, ["calm"], null),
        (38, 6, 8, null, ["hopeful", "calm"], null),
        (41, 7, 8, null, ["hopeful"], "Not there yet, but I can see the way."),
    ];

    // Step, the index of the guide prompt answered (null for a free reflection), day, words. The same prompt
    // answered weeks apart shows up in "then and now".
    private static readonly (string Step, int? Prompt, int Day, string Text)[] ReflectionPlan =
    [
        ("acknowledge-the-breach", 0, 1, "They kept seeing someone else for four months and told me it was work. I found the messages myself."),
        ("acknowledge-the-breach", 1, 2, "That I had doubts and talked myself out of them. Saying that part out loud makes me feel foolish."),
        ("talk-openly-and-honestly", 0, 8, "That it is not only the affair. It is every ordinary evening I now replay and wonder about."),
        ("apologise-sincerely", 0, 16, "Naming what happened without \"but\". Not asking me to feel better on their timetable."),
        ("acknowledge-the-breach", null, 20, "A hard day. I want to write down that one missed evening is not the whole story, even if it felt like it."),
        ("show-consistent-behaviour", 2, 30, "Telling them when something upsets me on the day, instead of saving it up."),
        ("acknowledge-the-breach", 0, 29, "Four months of lies, and I found out on my own. It is still true. It just no longer fills every room."),
        ("talk-openly-and-honestly", 0, 36, "That I am still deciding. I need them to understand that staying is a choice I make each week, not a verdict."),
    ];

    // The steps marked done, and the day each was marked.
    private static readonly (string Step, int Day)[] ProgressPlan =
    [
        ("acknowledge-the-breach", 2), ("talk-openly-and-honestly", 9), ("agree-on-honest-communication", 12),
        ("apologise-sincerely", 17), ("agree-on-expectations", 23), ("show-consistent-behaviour", 30),
    ];

    public static async Task<int> RunAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var clock = services.GetRequiredService<TimeProvider>();
        var start = clock.GetUtcNow().UtcDateTime.Date.AddDays(-Days);
        DateTime At(int day, int hour, int minute = 0) => start.AddDays(day).AddHours(hour).AddMinutes(minute);

        if (await users.FindByEmailAsync(Email) is { } existing && !(await users.DeleteAsync(existing)).Succeeded)
        {
            await Console.Error.WriteLineAsync("Could not delete the earlier demo account, so it was left as it was.");
            return 1;
        }
        var user = new AppUser { UserName = Email, Email = Email, EmailConfirmed = true, CreatedAt = At(0, 19) };
        user.WrappedDataKey = services.GetRequiredService<JournalCipher>().NewWrappedDataKey(user.Id);
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded)
        {
            await Console.Error.WriteLineAsync($"Could not create the demo account: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            return 1;
        }

        var guide = services.GetRequiredService<GuideLibrary>();
        var progress = services.GetRequiredService<JourneyProgress>();
        foreach (var (step, day) in ProgressPlan)
        {
            await progress.MarkAsync(user.Id, step, done: true, At(day, 19, 30));
        }

        var journal = services.GetRequiredService<ReflectionJournal>();
        foreach (var (step, prompt, day, text) in ReflectionPlan)
        {
            var promptText = prompt is { } index ? guide.FindStep(step)!.Prompts[index] : null;
            await journal.AddAsync(user.Id, step, promptText, text, At(day, 21, 10));
        }

        var checkIns = services.GetRequiredService<CheckIns>();
        foreach (var (day, trust, safety, step, feelings, note) in CheckInPlan)
        {
            await checkIns.AddAsync(user.Id, step, new CheckInAnswers(trust, safety, feelings, note), At(day, 19, 35));
        }

        await SeedCommitmentsAsync(services.GetRequiredService<CommitmentLedger>(), user.Id, At);

        Console.WriteLine($"Seeded the demo account: sign in as {Email} with the password \"{Password}\".");
        return 0;
    }

    // A weekly talk from the boundaries journey (kept, missed once, renegotiated to fit, then kept) and a daily
    // habit from the transparency journey (mostly kept, one slip owned the next morning).
    private static async Task SeedCommitmentsAsync(CommitmentLedger ledger, string userId, Func<int, int, int, DateTime> at)
    {
        DateOnly On(int day) => DateOnly.FromDateTime(at(day, 0, 0));

        var talk = await ledger.AddAsync(userId, "We talk every Sunday evening, phones away.", "boundaries", "agree-on-honest-communication", at(12, 19, 40));
        await ledger.LogAsync(userId, talk, Outcome.Kept, On(13), "Twenty minutes, and nobody walked out.", createdAt: at(13, 21, 0));
        await ledger.LogAsync(userId, talk, Outcome.Slipped, On(20), "Both too tired, and neither of us said so.", createdAt: at(20, 22, 0));
        await ledger.LogAsync(userId, talk, Outcome.Renegotiated, On(27), "Sundays are hard with the children home.",
            "We talk for half an hour every Sunday or Monday evening, and say by Saturday which it will be.", at(27, 20, 30));
        await ledger.LogAsync(userId, talk, Outcome.Kept, On(34), null, createdAt: at(34, 21, 0));
        await ledger.LogAsync(userId, talk, Outcome.Kept, On(41), "The easiest one yet.", createdAt: at(41, 21, 0));

        var message = await ledger.AddAsync(userId, "If I will be home later than eight, I send a message before then.", "transparency", "agree-on-expectations", at(23, 19, 40));
        foreach (var day in (int[])[25, 28, 35, 38, 40])
        {
            await ledger.LogAsync(userId, message, Outcome.Kept, On(day), null, createdAt: at(day, 22, 0));
        }
        await ledger.LogAsync(userId, message, Outcome.Slipped, On(31), "Phone died. Owned it as soon as they got in.", createdAt: at(32, 8, 0));
    }
}
