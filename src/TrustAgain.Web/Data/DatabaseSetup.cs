using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TrustAgain.Web.Data;

public static class DatabaseSetup
{
    public static void AddDatabase(this WebApplicationBuilder builder, AppPaths paths)
    {
        var connectionString = builder.Configuration.GetConnectionString("Default")
            ?? new SqliteConnectionStringBuilder { DataSource = paths.DatabaseFile, Pooling = true }.ToString();
        // Interceptors registered as services join SqlitePragmas; the app registers none, tests add fault injectors.
        builder.Services.AddDbContextPool<AppDbContext>((services, db) => db
            .UseSqlite(connectionString)
            .AddInterceptors(new SqlitePragmas())
            .AddInterceptors(services.GetServices<IInterceptor>())
            // A failed command is reported once, by the page that handles it (StorageEvents) or by the exception
            // handler, not twice more by EF Core at error level.
            .ConfigureWarnings(warnings => warnings.Log(
                (RelationalEventId.CommandError, LogLevel.Debug),
                (CoreEventId.SaveChangesFailed, LogLevel.Debug))));
        builder.Services.AddSingleton<StorageEvents>();
        builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>();
    }

    // Creates the data folder and database on first start and applies any pending migrations.
    // Returns false, having said why on standard error, when the app cannot safely start.
    public static async Task<bool> PrepareDatabaseAsync(this WebApplication app)
    {
        var paths = app.Services.GetRequiredService<AppPaths>();
        var dataDirectory = paths.DataDirectory;
        var folderLock = DataFolderLock.TryAcquire(dataDirectory);
        if (folderLock is null)
        {
            await Console.Error.WriteLineAsync($"Another TrustAgain server is already using the data folder {dataDirectory}. " +
                "Stop it first, or give this one its own folder with TrustAgain__DataDirectory.");
            return false;
        }
        app.Lifetime.ApplicationStopped.Register(folderLock.Dispose);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        try
        {
            await ClearStaleMigrationLockAsync(db);
            await db.Database.MigrateAsync();
            // WAL is a property of the database file, so setting it once is enough.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
        }
        catch (Exception e) when (StorageFailure.CodeOf(e) is not null)
        {
            await Console.Error.WriteLineAsync($"Cannot open the database {paths.DatabaseFile} for writing: {e.Message} " +
                "Check that the disk has space and that the file and its folder are writable by this user.");
            return false;
        }
        return true;
    }

    // EF Core marks a running migration with a row in __EFMigrationsLock. We hold the data folder lock, so no
    // other server can be migrating: a row here was left by a process that died, and would block start-up forever.
    private static async Task ClearStaleMigrationLockAsync(AppDbContext db)
    {
        var hasLockTable = await db.Database
            .SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'")
            .SingleAsync() > 0;
        if (hasLockTable)
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\"");
        }
    }
}
