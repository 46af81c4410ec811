using Microsoft.Extensions.Options;
using TrustAgain.Web.Data;

namespace TrustAgain.Web.Backups;

public static class BackupSetup
{
    public static void AddScheduledBackups(this WebApplicationBuilder builder)
    {
        // Scheduled backups copy the SQLite file; a PostgreSQL database is backed up by PostgreSQL's own tools.
        builder.AddSettings<BackupOptions>(BackupOptions.SectionName)
            .Validate<IOptions<DatabaseOptions>>(
                (backup, database) => string.IsNullOrWhiteSpace(backup.Folder) || database.Value.Provider != DatabaseProvider.PostgreSql,
                "TrustAgain__Backup__Folder schedules SQLite backups, but the database is PostgreSQL: " +
                "back it up with pg_dump instead and leave TrustAgain__Backup__Folder empty.");
        builder.Services.AddHostedService<ScheduledBackups>();
    }
}
