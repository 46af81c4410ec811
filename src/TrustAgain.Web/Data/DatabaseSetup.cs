using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace TrustAgain.Web.Data;

public static class DatabaseSetup
{
    // TrustAgain__Database__Provider chooses SQLite (the default: one file in the data folder) or PostgreSQL
    // (ConnectionStrings__Default required). Either way the rest of the app asks for AppDbContext.
    public static void AddDatabase(this WebApplicationBuilder builder, AppPaths paths)
    {
        var database = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new();
        builder.Services.AddSingleton(database);
        var connectionString = builder.Configuration.GetConnectionString("Default");
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    "TrustAgain__Database__Provider is PostgreSql but ConnectionStrings__Default is empty: set it to the PostgreSQL connection string.");
            }
            builder.Services.AddDbContextPool<AppDbContext, PostgresAppDbContext>(db => db.UseNpgsql(connectionString));
        }
        else
        {
            connectionString ??= new SqliteConnectionStringBuilder { DataSource = paths.DatabaseFile, Pooling = true }.ToString();
            builder.Services.AddDbContextPool<AppDbContext, SqliteAppDbContext>(db => db
                .UseSqlite(connectionString)
                .AddInterceptors(new SqlitePragmas()));
        }
        builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>();
    }

    // Creates the data folder (the key file and mail live there on either provider), and on SQLite the database,
    // then applies any pending migrations. Returns false, having said why on standard error, when the app cannot
    // safely start.
    public static async Task<bool> PrepareDatabaseAsync(this WebApplication app)
    {
        var dataDirectory = app.Services.GetRequiredService<AppPaths>().DataDirectory;
        try
        {
            Directory.CreateDirectory(dataDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"Cannot create the data folder {dataDirectory}: {e.Message}");
            return false;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (app.Services.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.PostgreSql)
        {
            // Several instances may start together: EF takes PostgreSQL's own lock on the migrations history
            // table, so one migrates and the others wait and then find nothing left to do. A process that dies
            // mid-migration loses its connection and, with it, the lock.
            await db.Database.MigrateAsync();
            return true;
        }

        var folderLock = DataFolderLock.TryAcquire(dataDirectory);
        if (folderLock is null)
        {
            await Console.Error.WriteLineAsync($"Another TrustAgain server is already using the data folder {dataDirectory}. " +
                "Stop it first, or give this one its own folder with TrustAgain__DataDirectory.");
            return false;
        }
        app.Lifetime.ApplicationStopped.Register(folderLock.Dispose);

        await ClearStaleMigrationLockAsync(db);
        await db.Database.MigrateAsync();
        // WAL is a property of the database file, so setting it once is enough.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
        return true;
    }

    // EF Core marks a running migration on SQLite with a row in __EFMigrationsLock. We hold the data folder lock, so
    // no other server can be migrating: a row here was left by a process that died, and would block start-up forever.
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
