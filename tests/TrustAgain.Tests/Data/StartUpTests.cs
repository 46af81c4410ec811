using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustAgain.Web.Data;

namespace TrustAgain.Tests.Data;

public sealed class StartUpTests
{
    [SqliteFact("SQLite's migration lock is a row that a dead process leaves behind; PostgreSQL's dies with its connection")]
    public async Task TheAppStartsAfterAProcessDiedWhileMigrating()
    {
        var app = new TestApp();
        await app.NewClient().GetAsync("/");
        var restarted = await app.RestartAsync();
        // What a process killed in the middle of a migration leaves behind.
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(restarted.DataDirectory, "trustagain.db")}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, '2026-01-01 00:00:00+00:00')";
            await command.ExecuteNonQueryAsync();
        }

        await using (restarted)
        {
            var start = Task.Run(() => restarted.NewClient().GetAsync("/healthz"));

            Assert.Same(start, await Task.WhenAny(start, Task.Delay(TimeSpan.FromSeconds(30))));
            Assert.True((await start).IsSuccessStatusCode);
        }
    }

    [SqliteFact("one server per SQLite data folder; on PostgreSQL several instances share the database")]
    public async Task ASecondServerOnTheSameDataFolderRefusesToStart()
    {
        await using var first = new TestApp();
        await first.NewClient().GetAsync("/");
        using var second = new TestApp(first.DataDirectory);

        Assert.ThrowsAny<Exception>(() => second.NewClient());
        Assert.True((await first.NewClient().GetAsync("/healthz")).IsSuccessStatusCode);
    }

    [SqliteFact("checks SQLite pragmas")]
    public async Task EveryConnectionWritesDurably()
    {
        await using var app = new TestApp();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        await db.Database.OpenConnectionAsync();
        var journalMode = await db.Database.SqlQueryRaw<string>("SELECT journal_mode AS \"Value\" FROM pragma_journal_mode").SingleAsync();
        var synchronous = await db.Database.SqlQueryRaw<int>("SELECT synchronous AS \"Value\" FROM pragma_synchronous").SingleAsync();

        Assert.Equal("wal", journalMode);
        Assert.Equal(2, synchronous); // FULL
    }
}
