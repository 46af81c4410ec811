namespace TrustAgain.Web.Data;

public enum ReminderCadence
{
    Daily,
    EveryFewDays,
    Weekly,
}

// One person's reminder choices and where sending stands: one row per person who ever opened the reminder
// settings. It is also the outbox row for their next reminder (see ReminderSender): an instance claims it with a
// lease, sends, and moves DueAt on, so no reminder waits in a separate queue that could drift from the choices.
[NotPersonalRow("When and how often a person asked to be reminded, and how sending went; it holds no words of theirs, and is deleted with the account.")]
public sealed class Reminder
{
    public required string UserId { get; set; }

    public bool Enabled { get; set; }

    public ReminderCadence Cadence { get; set; }

    // The local time of day, read in the person's own zone (AppUser.TimeZone) each time the next one is planned.
    public TimeOnly TimeOfDay { get; set; }

    // Days of the week with no reminder, as bits (1 << DayOfWeek).
    public int QuietDays { get; set; }

    // Name the journey and the step; off means wording that says nothing about what the person is working on.
    public bool FullerWording { get; set; }

    // The moment (UTC) of the next reminder; with the person's id it names the reminder, so a resend of it after a
    // crash carries the same Message-ID.
    public DateTime? DueAt { get; set; }

    // When an instance may next try to send it: DueAt, or later after a failed try. Null while off or stopped.
    public DateTime? NextAttemptAt { get; set; }

    // The lease of the instance sending it now; a lease that runs out (the instance died) lets another take over.
    public Guid? ClaimedBy { get; set; }

    public DateTime? ClaimExpiresAt { get; set; }

    public DateTime? LastSentAt { get; set; }

    // The one "welcome back" sent to someone away three weeks; until they come back, nothing more is sent.
    public DateTime? WelcomeBackSentAt { get; set; }

    // Failed tries in a row of the reminder now due.
    public int Failures { get; set; }

    // Why sending stopped by itself (the person's mail server kept refusing), shown on their settings page.
    public string? StoppedBecause { get; set; }
}
