using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.Extensions.Options;
using TrustAgain.Web.Data;

namespace TrustAgain.Web.Reminders;

// A recurring reflection time as an .ics file, for people who would rather their own calendar reminded them than
// get mail: the chosen time in their own zone (so a calendar keeps it at that local hour across daylight-saving
// changes), repeating by their cadence and skipping quiet days. Its title is the discreet reminder subject.
public sealed class ReminderCalendar(IOptions<ReminderOptions> options, TimeProvider clock)
{
    public string Write(ReminderChoices choices, TimeZoneInfo zone)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, zone));
        var first = Enumerable.Range(0, 7).Select(today.AddDays).First(day => !choices.QuietDays.Contains(day.DayOfWeek));
        var start = new CalDateTime(first, choices.TimeOfDay, zone.Id);
        var rule = choices.Cadence switch
        {
            ReminderCadence.Weekly => new RecurrencePattern(FrequencyType.Weekly, 1),
            ReminderCadence.EveryFewDays => new RecurrencePattern(FrequencyType.Daily, ReminderSchedule.DaysBetween(ReminderCadence.EveryFewDays)),
            _ => new RecurrencePattern(FrequencyType.Daily, 1),
        };
        // Every other day cannot also skip weekdays in one rule without drifting, so quiet days shape the daily rule only.
        if (choices.Cadence == ReminderCadence.Daily && choices.QuietDays.Count > 0)
        {
            rule.ByDay = [.. Enum.GetValues<DayOfWeek>().Where(d => !choices.QuietDays.Contains(d)).Select(d => new WeekDay(d))];
        }
        var reflection = new CalendarEvent
        {
            Uid = "reflection-time@trustagain",
            Summary = options.Value.Subject,
            Description = "A few quiet minutes for yourself.",
            DtStart = start,
            DtEnd = start.AddMinutes(15),
            DtStamp = new CalDateTime(clock.GetUtcNow().UtcDateTime),
            RecurrenceRule = rule,
        };
        var calendar = new Calendar { ProductId = "-//TrustAgain//Reminders//EN" };
        calendar.AddTimeZone(zone.Id);
        calendar.Events.Add(reflection);
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
