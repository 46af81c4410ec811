using System.ComponentModel.DataAnnotations;

namespace TrustAgain.Web.Reminders;

// Settings bound from TrustAgain:Reminders. The defaults say nothing about trust or relationships, so a reminder
// glimpsed in a shared inbox or on a lock screen gives nothing away.
public sealed class ReminderOptions
{
    public const string SectionName = "TrustAgain:Reminders";

    [Required(AllowEmptyStrings = false, ErrorMessage = "TrustAgain__Reminders__SenderName must not be empty.")]
    [MaxLength(60, ErrorMessage = "TrustAgain__Reminders__SenderName must be at most {1} characters.")]
    public string SenderName { get; set; } = "Notes";

    [Required(AllowEmptyStrings = false, ErrorMessage = "TrustAgain__Reminders__Subject must not be empty.")]
    [MaxLength(120, ErrorMessage = "TrustAgain__Reminders__Subject must be at most {1} characters.")]
    public string Subject { get; set; } = "A note from Notes";

    // How often each instance looks for reminders that are due.
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "TrustAgain__Reminders__PollInterval must be from 1 second to 1 hour.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(20);

    // How long an instance holds the reminders it claimed; if it dies, another sends them once this has passed.
    [Range(typeof(TimeSpan), "00:00:30", "01:00:00", ErrorMessage = "TrustAgain__Reminders__Lease must be from 30 seconds to 1 hour.")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    // How many reminders one instance claims at a time and sends over one SMTP connection.
    [Range(1, 1000, ErrorMessage = "TrustAgain__Reminders__BatchSize must be a whole number from {1} to {2}.")]
    public int BatchSize { get; set; } = 100;

    // Refusals in a row (the person's mail server says the address does not take mail) after which sending stops.
    [Range(1, 100, ErrorMessage = "TrustAgain__Reminders__RefusalsBeforeStopping must be a whole number from {1} to {2}.")]
    public int RefusalsBeforeStopping { get; set; } = 3;

    // Whether this instance sends at all; the settings page works either way.
    public bool Send { get; set; } = true;
}
