using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustAgain.Web.Data;

namespace TrustAgain.Tests.Journal;

// The journal's queries must use an index for both filtering and ordering, so a page costs the same with a
// thousand reflections in the database as with a million.
public sealed class QueryPlanTests
{
    [SqliteFact("reads SQLite's EXPLAIN QUERY PLAN; the PostgreSQL version is below")]
    public async Task JournalQueriesUseIndexesAndNeverSortOrScanTheTable()
    {
        await using var app = new TestApp();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var keys = new[] { "be-patient", "seek-support" };
        var since = DateTime.UtcNow;
        var after = Guid.NewGuid();

        var queries = new Dictionary<string, IQueryable<object>>
        {
            ["first page"] = db.Reflections.Where(r => r.UserId == "u").OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(21),
            ["later page"] = db.Reflections.Where(r => r.UserId == "u")
                .Where(r => r.CreatedAt < since || (r.CreatedAt == since && r.Id.CompareTo(after) < 0))
                .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(21),
            ["one journey"] = db.Reflections.Where(r => r.UserId == "u" && keys.Contains(r.StepKey)).OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(21),
            ["one step"] = db.Reflections.Where(r => r.UserId == "u" && r.StepKey == "be-patient").OrderByDescending(r => r.CreatedAt),
            ["progress"] = db.Progress.Where(p => p.UserId == "u").Select(p => (object)p.StepKey),
        };

        foreach (var (name, query) in queries)
        {
            var plan = await ExplainAsync(db, query.ToQueryString());
            Assert.True(plan.Contains("USING INDEX", StringComparison.Ordinal) || plan.Contains("USING PRIMARY KEY", StringComparison.Ordinal)
                || plan.Contains("USING COVERING INDEX", StringComparison.Ordinal), $"{name}: {plan}");
            Assert.DoesNotContain("SCAN Reflections", plan);
            if (name != "one journey" && name != "one step")
            {
                Assert.DoesNotContain("TEMP B-TREE", plan);
            }
        }
    }

    // PostgreSQL chooses a table scan and a sort for a table this small whatever the indexes, so scans and sorts are
    // priced out of the plan: if one remains, no index can serve the query.
    [PostgresFact]
    public async Task OnPostgresJournalQueriesCanBeServedByIndexesWithoutSorting()
    {
        await using var app = new TestApp();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        // Constants rather than captured variables (and no Take), so EF writes every value into the SQL and EXPLAIN
        // needs no parameters.
        var queries = new Dictionary<string, IQueryable<object>>
        {
            ["first page"] = db.Reflections.Where(r => r.UserId == "u").OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id),
            ["later page"] = db.Reflections.Where(r => r.UserId == "u")
                .Where(r => r.CreatedAt < new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)
                    || (r.CreatedAt == new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) && r.Id.CompareTo(Guid.Empty) < 0))
                .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id),
            ["one step"] = db.Reflections.Where(r => r.UserId == "u" && r.StepKey == "be-patient").Select(r => (object)r.Id),
            ["progress"] = db.Progress.Where(p => p.UserId == "u").Select(p => (object)p.StepKey),
        };

        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using (var settings = connection.CreateCommand())
        {
            settings.CommandText = "SET enable_seqscan = off; SET enable_sort = off;";
            await settings.ExecuteNonQueryAsync();
        }
        foreach (var (name, query) in queries)
        {
            await using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN " + query.ToQueryString();
            var plan = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    plan.Add(reader.GetString(0));
                }
            }
            var text = string.Join(" | ", plan);

            Assert.True(text.Contains("Index", StringComparison.Ordinal), $"{name}: {text}");
            Assert.False(text.Contains("Seq Scan", StringComparison.Ordinal), $"{name}: {text}");
            Assert.False(text.Contains("Sort", StringComparison.Ordinal), $"{name}: {text}");
        }
    }

    // EF prints parameters as SQL declarations ahead of the statement; SQLite wants them bound instead.
    private static async Task<string> ExplainAsync(AppDbContext db, string sql)
    {
        var lines = sql.Split('\n');
        var statement = string.Join('\n', lines.Where(l => !l.StartsWith(".param", StringComparison.Ordinal)));
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + statement;
        foreach (var line in lines.Where(l => l.StartsWith(".param set", StringComparison.Ordinal)))
        {
            var parts = line.Split(' ', 4);
            command.Parameters.AddWithValue(parts[2], parts[3].Trim('\'', '\r'));
        }
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }
        return string.Join(" | ", plan);
    }
}
