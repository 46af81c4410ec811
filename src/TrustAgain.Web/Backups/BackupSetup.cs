using TrustAgain.Web.Data;

namespace TrustAgain.Web.Backups;

public static class BackupSetup
{
    public static void AddScheduledBackups(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BackupOptions>()
            .Bind(builder.Configuration.GetSection(BackupOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // Scheduled backups copy the SQLite file; a PostgreSQL database is backed up by PostgreSQL's own tools.
        var folder = builder.Configuration.GetSection(BackupOptions.SectionName)[nameof(BackupOptions.Folder)];
        var provider = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>()?.Provider;
        if (!string.IsNullOrWhiteSpace(folder) && provider == DatabaseProvider.PostgreSql)
        {
            throw new InvalidOperationException("TrustAgain__Backup__Folder schedules SQLite backups, but the database is PostgreSQL: " +
                "back it up with pg_dump instead and leave TrustAgain__Backup__Folder empty.");
        }
        builder.Services.AddHostedService<ScheduledBackups>();
    }
}
