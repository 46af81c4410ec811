using TrustAgain.Web.Data;

namespace TrustAgain.Web.Reminders;

// When a person's next reminder falls: at their chosen local time, on a day that is not quiet, far enough after the
// last one for their cadence. Computed in their own zone from the calendar date, so 08:00 stays 08:00 local on
// both sides of a daylight-saving change.
public static class ReminderSchedule
{
    public static int DaysBetween(ReminderCadence cadence) => cadence switch
    {
        ReminderCadence.EveryFewDays => 2,
        ReminderCadence.Weekly => 7,
        _ => 1,
    };

    public static bool IsQuiet(int quietDays, DayOfWeek day) => (quietDays & (1 << (int)day)) != 0;

    public static int QuietDaysOf(IEnumerable<DayOfWeek> days) => days.Aggregate(0, (bits, day) => bits | (1 << (int)day));

    public const int EveryDay = 0b111_1111;

    // The first reminder moment after `now`; `lastSent` (UTC), when there was one, sets the earliest day by the
    // cadence. Null when every day is quiet.
    public static DateTime? Next(DateTime now, ReminderCadence cadence, TimeOnly timeOfDay, int quietDays, TimeZoneInfo zone, DateTime? lastSent)
    {
        if ((quietDays & EveryDay) == EveryDay)
        {
            return null;
        }
        var today = LocalDate(now, zone);
        var earliest = lastSent is { } last ? LocalDate(last, zone).AddDays(DaysBetween(cadence)) : today;
        var day = earliest > today ? earliest : today;
        // Two weeks always reach a day that is not quiet and lies after `now`.
        for (var i = 0; i < 14; i++, day = day.AddDays(1))
        {
            if (IsQuiet(quietDays, day.DayOfWeek))
            {
                continue;
            }
            var at = ToUtc(day.ToDateTime(timeOfDay), zone);
            if (at > now)
            {
                return at;
            }
        }
        return null;
    }

    private static DateOnly LocalDate(DateTime utc, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));

    // A local time that does not exist (skipped when clocks go forward) becomes the first one after the gap; one
    // that happens twice (clocks go back) is taken the first time.
    private static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddMinutes(15 - unspecified.Minute % 15);
        }
        if (zone.IsAmbiguousTime(unspecified))
        {
            var offset = zone.GetAmbiguousTimeOffsets(unspecified).Max();
            return DateTime.SpecifyKind(unspecified - offset, DateTimeKind.Utc);
        }
        return TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
    }
}
