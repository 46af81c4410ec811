using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace TrustAgain.Web.Data;

public static class DatabaseSetup
{
    public static void AddDatabase(this WebApplicationBuilder builder, AppPaths paths)
    {
        var connectionString = builder.Configuration.GetConnectionString("Default")
            ?? new SqliteConnectionStringBuilder { DataSource = paths.DatabaseFile, Pooling = true }.ToString();
        builder.Services.AddDbContextPool<AppDbContext>(db => db
            .UseSqlite(connectionString)
            .AddInterceptors(new SqlitePragmas()));
        builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>();
    }

    // Creates the data folder and database on first start and applies any pending migrations.
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        Directory.CreateDirectory(app.Services.GetRequiredService<AppPaths>().DataDirectory);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync();
        // WAL is a property of the database file, so setting it once is enough.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
    }
}
