using System.ComponentModel.DataAnnotations;

namespace TrustAgain.Web.Backups;

// Scheduled backups, bound from TrustAgain:Backup (TrustAgain__Backup__Folder and so on). No folder, no schedule.
public sealed class BackupOptions
{
    public const string SectionName = "TrustAgain:Backup";

    public string Folder { get; set; } = "";

    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00", ErrorMessage = "TrustAgain__Backup__Interval must be from {1} to {2} (d.hh:mm:ss).")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);

    [Range(1, 10_000, ErrorMessage = "TrustAgain__Backup__Keep must be a whole number from {1} to {2}.")]
    public int Keep { get; set; } = 8;
}
