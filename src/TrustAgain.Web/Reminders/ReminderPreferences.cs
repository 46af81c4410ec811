using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrustAgain.Web.Data;
using TrustAgain.Web.TimeZones;

namespace TrustAgain.Web.Reminders;

// What a person chose on /account/reminders, as the page shows and posts it.
public sealed record ReminderChoices(bool Enabled, ReminderCadence Cadence, TimeOnly TimeOfDay, string TimeZone, IReadOnlySet<DayOfWeek> QuietDays, bool FullerWording)
{
    // The first time the page opens: off, every few days at a quiet evening hour, in the zone already on the account.
    public static ReminderChoices Default(string? timeZone) =>
        new(false, ReminderCadence.EveryFewDays, new TimeOnly(19, 0), timeZone ?? "", new HashSet<DayOfWeek>(), false);

    public string Time => TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture);
}

// Where a person's reminders stand, for their settings page.
public sealed record ReminderState(ReminderChoices Choices, DateTime? DueAt, string? StoppedBecause);

// Reads and saves one person's reminder choices. Every query filters on the person; saving plans the next reminder.
public sealed class ReminderPreferences(AppDbContext db, PersonClock personClock, TimeProvider clock)
{
    public async Task<ReminderState> ForAsync(string userId)
    {
        var zone = await db.Users.Where(u => u.Id == userId).Select(u => u.TimeZone).SingleOrDefaultAsync();
        var row = await db.Reminders.AsNoTracking().SingleOrDefaultAsync(r => r.UserId == userId);
        return row is null
            ? new ReminderState(ReminderChoices.Default(zone), null, null)
            : new ReminderState(
                new ReminderChoices(row.Enabled, row.Cadence, row.TimeOfDay, zone ?? "",
                    Enum.GetValues<DayOfWeek>().Where(d => ReminderSchedule.IsQuiet(row.QuietDays, d)).ToHashSet(), row.FullerWording),
                row.Enabled ? row.DueAt : null, row.StoppedBecause);
    }

    // Saves the choices and the zone (the account's own: every time the person sees is shown in it too), and plans
    // the next reminder from now. Turning reminders on again clears a stop and its reason. False when the account
    // is gone.
    public async Task<bool> SaveAsync(string userId, ReminderChoices choices, TimeZoneInfo zone)
    {
        if (await db.Users.SingleOrDefaultAsync(u => u.Id == userId) is not { } user)
        {
            return false;
        }
        user.TimeZone = zone.Id;
        var row = await db.Reminders.SingleOrDefaultAsync(r => r.UserId == userId);
        if (row is null)
        {
            row = new Reminder { UserId = userId };
            db.Reminders.Add(row);
        }
        row.Enabled = choices.Enabled;
        row.Cadence = choices.Cadence;
        row.TimeOfDay = choices.TimeOfDay;
        row.QuietDays = ReminderSchedule.QuietDaysOf(choices.QuietDays);
        row.FullerWording = choices.FullerWording;
        row.DueAt = choices.Enabled
            ? ReminderSchedule.Next(clock.GetUtcNow().UtcDateTime, row.Cadence, row.TimeOfDay, row.QuietDays, zone, row.LastSentAt)
            : null;
        row.NextAttemptAt = row.DueAt;
        row.Failures = 0;
        row.StoppedBecause = choices.Enabled ? null : row.StoppedBecause;
        await db.SaveChangesAsync();
        personClock.Forget(userId);
        return true;
    }

    // What a stop link does, and all it can do: turn this person's reminders off. False when there was nothing to turn off.
    public async Task<bool> StopAsync(string userId) =>
        await db.Reminders.Where(r => r.UserId == userId && r.Enabled).ExecuteUpdateAsync(set => set
            .SetProperty(r => r.Enabled, false)
            .SetProperty(r => r.DueAt, (DateTime?)null)
            .SetProperty(r => r.NextAttemptAt, (DateTime?)null)) > 0;
}
