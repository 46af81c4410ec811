namespace TrustAgain.Web.Reminders;

public enum ReminderKind
{
    Start,
    NextStep,
    WelcomeBack,
}

// What a reminder may draw on: where the person is in the guide and how long it has been, never anything they
// wrote. Further reasons to come back (a partner's invitation waiting, once partner mode exists) join here as
// fields, and their wording joins ReminderMail.
public sealed record ReminderFacts(
    ReminderKind Kind, string? JourneyTitle, string? StepTitle, string? StepAbout, string? StepLink, int? DaysSinceWriting, bool CheckInDue);

public sealed record ReminderText(string Body, string FirstLine);

// Every word a reminder says, in one place. The discreet wording (the default) names no journey, step or subject,
// so the first lines a mail program previews say nothing about trust or a relationship; fuller wording, chosen by
// the person, names the journey and step.
public static class ReminderMail
{
    public static ReminderText Write(ReminderFacts facts, bool fuller, string siteLink, string settingsLink, string stopLink)
    {
        var first = facts.Kind == ReminderKind.WelcomeBack
            ? "Welcome back, whenever you're ready. Your notes are just where you left them."
            : "A few quiet minutes for yourself, whenever suits you.";
        var lines = new List<string> { first, "" };
        lines.AddRange(facts.Kind switch
        {
            ReminderKind.WelcomeBack => ["It has been a while, and that's fine. There is no catching up to do: start with whatever feels right today."],
            ReminderKind.NextStep when fuller && facts.StepTitle is not null =>
                [$"Next in “{facts.JourneyTitle}”: {facts.StepTitle}.", .. facts.StepAbout is { Length: > 0 } about ? new[] { about } : []],
            ReminderKind.NextStep => ["Your next step is ready when you are."],
            _ => ["Whenever you like, you can pick a place to start."],
        });
        if (facts.DaysSinceWriting is { } days && facts.Kind != ReminderKind.WelcomeBack)
        {
            lines.Add(days switch
            {
                0 => "You last wrote today.",
                1 => "You last wrote yesterday.",
                _ => $"You last wrote {days} days ago.",
            });
        }
        if (facts.CheckInDue && facts.Kind != ReminderKind.WelcomeBack)
        {
            lines.Add("It has been a week or more since your last check-in; one takes about a minute.");
        }
        lines.Add("");
        lines.Add(fuller && facts.StepLink is not null ? facts.StepLink : siteLink);
        lines.Add("");
        lines.Add("You get these notes because you asked for them.");
        lines.Add($"To change when they come: {settingsLink}");
        lines.Add($"To stop them: {stopLink}");
        return new ReminderText(string.Join('\n', lines), first);
    }
}
