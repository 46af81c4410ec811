using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using TrustAgain.Web.Data;
using TrustAgain.Web.Reminders;
using TrustAgain.Web.TimeZones;

namespace TrustAgain.Web.Pages.Account.Manage;

// The reminder form as posted: plain strings, so that whatever arrives shows again as typed beside its message.
public sealed class ReminderInput
{
    public bool Enabled { get; set; }

    public string? Cadence { get; set; }

    public string? Time { get; set; }

    public string? TimeZone { get; set; }

    public List<string> QuietDays { get; set; } = [];

    public bool FullerWording { get; set; }

    public static ReminderInput From(ReminderChoices choices) => new()
    {
        Enabled = choices.Enabled,
        Cadence = choices.Cadence.ToString(),
        Time = choices.Time,
        TimeZone = choices.TimeZone,
        QuietDays = [.. choices.QuietDays.Select(d => d.ToString())],
        FullerWording = choices.FullerWording,
    };

    public bool IsQuiet(DayOfWeek day) => QuietDays.Contains(day.ToString());

    // The choices, or null with a message by each field that is wrong.
    public (ReminderChoices Choices, TimeZoneInfo Zone)? Read(ModelStateDictionary errors)
    {
        var cadence = Enum.TryParse<ReminderCadence>(Cadence, out var c) && Enum.IsDefined(c) && !int.TryParse(Cadence, out _) ? c : (ReminderCadence?)null;
        if (cadence is null)
        {
            errors.AddModelError("Input.Cadence", "Choose how often.");
        }
        var time = TimeOnly.TryParseExact(Time?.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : (TimeOnly?)null;
        if (time is null)
        {
            errors.AddModelError("Input.Time", "Enter a time of day such as 08:00 or 19:30.");
        }
        var zone = PersonTimeZones.Find(TimeZone);
        if (zone is null)
        {
            errors.AddModelError("Input.TimeZone", "Choose a time zone from the list.");
        }
        var quiet = QuietDays.Select(d => Enum.TryParse<DayOfWeek>(d, out var day) && Enum.IsDefined(day) && !int.TryParse(d, out _) ? day : (DayOfWeek?)null).ToList();
        if (quiet.Any(d => d is null))
        {
            errors.AddModelError("Input.QuietDays", "Choose quiet days from the list.");
        }
        else if (quiet.Distinct().Count() == 7)
        {
            errors.AddModelError("Input.QuietDays", "Leave at least one day that is not quiet.");
        }
        return cadence is { } okCadence && time is { } okTime && zone is not null && errors.IsValid
            ? (new ReminderChoices(Enabled, okCadence, new TimeOnly(okTime.Hour, okTime.Minute), zone.Id, quiet.OfType<DayOfWeek>().ToHashSet(), FullerWording), zone)
            : null;
    }
}
