using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustAgain.Web.Data;

namespace TrustAgain.Web.Backups;

// Backs the database up every Interval into Folder and keeps the newest Keep copies. The key is not written
// here: a key copy next to every database copy would defeat keeping them apart (`backup` writes one to move away).
// A failed backup is logged and tried again at the next interval; it never stops the app serving.
public sealed partial class ScheduledBackups(
    IOptions<BackupOptions> options, IServiceScopeFactory scopes, TimeProvider time, ILogger<ScheduledBackups> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.Folder))
        {
            return;
        }
        var folder = Path.GetFullPath(settings.Folder);
        string connectionString;
        await using (var scope = scopes.CreateAsyncScope())
        {
            connectionString = scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GetConnectionString()!;
        }

        using var timer = new PeriodicTimer(settings.Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var started = time.GetTimestamp();
                var backup = await SqliteBackup.WriteAsync(connectionString, folder, time.GetUtcNow().UtcDateTime, stoppingToken);
                var removed = SqliteBackup.KeepNewest(folder, settings.Keep);
                LogBackedUp(Path.GetFileName(backup), time.GetElapsedTime(started).TotalSeconds, removed.Count);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Exception messages here come from the file system and SQLite: paths and error codes, never data.
                LogFailed(folder, e.GetType().Name, e.Message);
            }
        }
    }

    [LoggerMessage(EventId = 7001, EventName = "BackupWritten", Level = LogLevel.Information,
        Message = "Scheduled backup {Backup} written and verified in {Seconds:0.0} s; {Removed} older removed")]
    private partial void LogBackedUp(string backup, double seconds, int removed);

    [LoggerMessage(EventId = 7002, EventName = "BackupFailed", Level = LogLevel.Error,
        Message = "Scheduled backup into {Folder} failed ({Error}: {Reason}); trying again at the next interval")]
    private partial void LogFailed(string folder, string error, string reason);
}
