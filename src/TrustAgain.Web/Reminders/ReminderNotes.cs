using TrustAgain.Web.Content;
using TrustAgain.Web.Journal;

namespace TrustAgain.Web.Reminders;

// Works out what one person's reminder should say, from the journal's stores (which read no text for this) and the
// guide. Null means send nothing this time: they were already welcomed back once and have not returned since.
public sealed class ReminderNotes(JourneyProgress progress, ReflectionJournal journal, CheckIns checkIns, GuideLibrary guide)
{
    public static readonly TimeSpan Away = TimeSpan.FromDays(21);

    public static readonly TimeSpan CheckInEvery = TimeSpan.FromDays(7);

    public async Task<ReminderFacts?> FactsAsync(string userId, DateTime accountCreated, DateTime? welcomedBackAt, DateTime now, string siteUrl)
    {
        var lastWritten = (await journal.LastWrittenAsync(userId))?.At;
        var lastCheckIn = await checkIns.LastAtAsync(userId);
        var lastSeen = new[] { lastWritten, lastCheckIn, accountCreated }.Max() ?? accountCreated;
        if (now - lastSeen >= Away)
        {
            return welcomedBackAt >= lastSeen ? null : new ReminderFacts(ReminderKind.WelcomeBack, null, null, null, null, null, false);
        }
        var daysSinceWriting = lastWritten is { } written ? (int)(now - written).TotalDays : (int?)null;
        var checkInDue = now - (lastCheckIn ?? accountCreated) >= CheckInEvery;
        if (await progress.CurrentAsync(userId) is { Finished: false } current)
        {
            var step = current.ContinueAt;
            return new ReminderFacts(ReminderKind.NextStep, current.Journey.Title, step.Title, About(step), siteUrl + guide.StepUrl(step), daysSinceWriting, checkInDue);
        }
        return new ReminderFacts(ReminderKind.Start, null, null, null, null, daysSinceWriting, checkInDue);
    }

    // The step's first sentence, as the guide says it, so fuller wording can say what the step is about.
    private static string About(GuideStep step)
    {
        var text = step.PlainText.ReplaceLineEndings(" ").Trim();
        var end = text.IndexOfAny(['.', '?', '!']);
        var sentence = end is > 0 and < 200 ? text[..(end + 1)] : text[..Math.Min(text.Length, 200)];
        return sentence.Trim();
    }
}
