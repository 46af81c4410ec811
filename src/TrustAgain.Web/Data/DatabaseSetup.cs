using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace TrustAgain.Web.Data;

public static class DatabaseSetup
{
    // Any number, the same on every instance: it names TrustAgain's migration lock among PostgreSQL's advisory locks.
    private const long MigrationLockKey = 7_482_311_905;

    // TrustAgain__Database__Provider chooses SQLite (the default: one file in the data folder) or PostgreSQL
    // (ConnectionStrings__Default required). Both contexts are pooled and neither is made until asked for; the rest
    // of the app asks for AppDbContext and gets the one the settings chose.
    public static void AddDatabase(this WebApplicationBuilder builder)
    {
        builder.AddSettings<DatabaseOptions>(DatabaseOptions.SectionName)
            .Validate<IConfiguration>(
                (database, configuration) => database.Provider != DatabaseProvider.PostgreSql || !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Default")),
                "TrustAgain__Database__Provider is PostgreSql but ConnectionStrings__Default is empty: set it to the PostgreSQL connection string.");
        builder.Services.AddDbContextPool<SqliteAppDbContext>((services, db) =>
            Common(db.UseSqlite(SqliteConnectionString(services)).AddInterceptors(new SqlitePragmas()), services));
        builder.Services.AddDbContextPool<PostgresAppDbContext>((services, db) =>
            Common(db.UseNpgsql(services.GetRequiredService<IConfiguration>().GetConnectionString("Default")), services));
        builder.Services.AddScoped<AppDbContext>(services => services.UsesPostgreSql()
            ? services.GetRequiredService<PostgresAppDbContext>()
            : services.GetRequiredService<SqliteAppDbContext>());
        builder.Services.AddSingleton<StorageEvents>();
        builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>();
    }

    public static bool UsesPostgreSql(this IServiceProvider services) =>
        services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.PostgreSql;

    public static bool UsesPostgreSql(this WebApplication app) => app.Services.UsesPostgreSql();

    // ConnectionStrings__Default when given, otherwise the database file in the data folder.
    private static string SqliteConnectionString(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>().GetConnectionString("Default")
        ?? new SqliteConnectionStringBuilder { DataSource = services.GetRequiredService<AppPaths>().DatabaseFile, Pooling = true }.ToString();

    // What both providers share. Interceptors registered as services are added: the app registers none, tests add
    // fault injectors. A failed command is reported once, by the page that handles it (StorageEvents) or by the
    // exception handler, not twice more by EF Core at error level.
    private static DbContextOptionsBuilder Common(DbContextOptionsBuilder db, IServiceProvider services) => db
        .AddInterceptors(services.GetServices<IInterceptor>())
        .ConfigureWarnings(warnings => warnings.Log(
            (RelationalEventId.CommandError, LogLevel.Debug),
            (CoreEventId.SaveChangesFailed, LogLevel.Debug)));

    // Applies any pending migrations (on SQLite creating the database, under the data folder lock). Returns false,
    // having said why on standard error, when the app cannot safely start.
    public static async Task<bool> PrepareDatabaseAsync(this WebApplication app)
    {
        var paths = app.Services.GetRequiredService<AppPaths>();
        var dataDirectory = paths.DataDirectory;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (app.UsesPostgreSql())
        {
            // Several instances may start together. EF's own migration lock is taken per migration, so two
            // instances could interleave a run of several migrations; a session-level advisory lock held for the
            // whole run lets one migrate while the others wait and then find nothing left to do. A process that
            // dies mid-migration loses its connection and, with it, the lock.
            await db.Database.OpenConnectionAsync();
            try
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLockKey})");
                await MigrateIfBehindAsync(db);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLockKey})");
                await db.Database.CloseConnectionAsync();
            }
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

        try
        {
            DataFolderPermissions.PrepareDatabaseFile(db.Database.GetDbConnection().DataSource);
            await ClearStaleMigrationLockAsync(db);
            await MigrateIfBehindAsync(db);
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

    // After deleting an account: with secure_delete, SQLite zeroes the deleted rows in the pages it writes, but
    // those pages — and the earlier versions holding the rows — sit in the write-ahead log until a checkpoint. A
    // TRUNCATE checkpoint copies them into the database and empties the log, so no copy of the person's rows is
    // left in either file. PostgreSQL keeps dead rows until VACUUM reuses their space (see SECURITY.md).
    public static async Task ForgetDeletedRowsAsync(this AppDbContext db)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }
    }

    // Reading the migrations history is enough to know the database is current. MigrateAsync would also rebuild the
    // last migration's model to compare it with the app's, a fifth of a second on every start; that check (the model
    // has no changes without a migration) is a test instead (MigrationTests).
    private static async Task MigrateIfBehindAsync(AppDbContext db)
    {
        if ((await db.Database.GetPendingMigrationsAsync()).Any())
        {
            await db.Database.MigrateAsync();
        }
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
