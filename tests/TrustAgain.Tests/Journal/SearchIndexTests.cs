using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TrustAgain.Web.Data;
using TrustAgain.Web.Journal;

namespace TrustAgain.Tests.Journal;

// The journal's search index: keyed hashes of the pieces of each entry's words, so a search passes over the entries
// that cannot match without decrypting them, and a search for words the journal never held decrypts nothing.
// What a search finds must be exactly what it found before the index (Pages/Journal/JournalTests holds those specs).
public sealed class SearchIndexTests : IDisposable
{
    private readonly CommandLog _commands = new();
    private readonly TestApp _app;

    public SearchIndexTests() => _app = new TestApp(services: services => services.AddSingleton<IInterceptor>(_commands));

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ASearchForWordsTheJournalNeverHeldDecryptsNoEntry()
    {
        var userId = await PersonWithAsync("Our walk by the river", "My sister's advice", "The evening I found out");
        _commands.Clear();

        var page = await SearchAsync(userId, "nowhere-to-be-found");

        Assert.Empty(page.Entries);
        Assert.DoesNotContain(_commands.Commands, ReadsReflectionText);
    }

    [Theory]
    [InlineData("sister", 1)]
    [InlineData("SIST", 1)]
    [InlineData("ister's", 1)]
    [InlineData("café", 1)]
    [InlineData("CAFÉ", 1)]
    [InlineData("cafe", 0)]
    [InlineData("the", 2)]
    [InlineData("walk sister", 0)]
    [InlineData("walk river", 1)]
    [InlineData("we", 1)]
    public async Task TheIndexFindsExactlyWhatTheSearchFoundBeforeIt(string search, int found)
    {
        // Parts of words, any letter case, punctuation inside a term, and short words the index cannot help with. An
        // accent is still needed where it was ("cafe" does not find "café"): the index folds accents only to stay
        // ready for Spanish, and never finds more than the search itself would.
        var userId = await PersonWithAsync("Our walk by the river", "My sister's advice at the café", "We were fine");

        Assert.Equal(found, (await SearchAsync(userId, search)).Entries.Count);
    }

    [Fact]
    public void TheIndexFoldsEveryPairOfCharactersTheSearchTreatsAsEqual()
    {
        // The search ignores letter case as OrdinalIgnoreCase does; if the index told apart two characters that the
        // search takes as equal, an entry holding one would be hidden from a search for the other.
        var classes = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        for (var c = char.MinValue; c < char.MaxValue; c++)
        {
            if (!char.IsSurrogate(c))
            {
                var text = c.ToString();
                if (!classes.TryGetValue(text, out var members))
                {
                    classes[text] = members = [];
                }
                members.Add(text);
            }
        }

        var split = classes.Values
            .Where(members => members.Select(m => string.Join(",", SearchWords.Pieces("ab" + m + "cd").Order(StringComparer.Ordinal))).Distinct().Count() > 1)
            .Select(members => string.Join(" ", members))
            .ToList();
        Assert.True(split.Count == 0, "Folded apart: " + string.Join("; ", split));
    }

    [Fact]
    public async Task AnEditedEntryIsFoundByItsNewWordsAndNoLongerByItsOldOnes()
    {
        var userId = await PersonWithAsync("Our walk by the river");
        var entry = (await SearchAsync(userId, "river")).Entries.Single();

        using (var scope = _app.Services.CreateScope())
        {
            var journal = scope.ServiceProvider.GetRequiredService<ReflectionJournal>();
            Assert.Equal(SaveOutcome.Saved, await journal.UpdateAsync(userId, entry.Id, entry.Version, "A climb up the mountain"));
        }

        Assert.Empty((await SearchAsync(userId, "river")).Entries);
        Assert.Equal(entry.Id, (await SearchAsync(userId, "mountain")).Entries.Single().Id);
    }

    [Fact]
    public async Task ADeletedEntryTakesItsIndexWithIt()
    {
        var userId = await PersonWithAsync("Our walk by the river", "My sister's advice");
        var entry = (await SearchAsync(userId, "river")).Entries.Single();

        using var scope = _app.Services.CreateScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<ReflectionJournal>().DeleteAsync(userId, entry.Id));

        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(1, await db.ReflectionWords.CountAsync(w => w.UserId == userId));
        Assert.False(await db.ReflectionWords.AnyAsync(w => w.ReflectionId == entry.Id));
    }

    [Fact]
    public async Task EntriesWrittenInBulkByAnImportAreIndexed()
    {
        var userId = await PersonWithAsync();
        var then = DateTime.UtcNow.AddDays(-30);
        using (var scope = _app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReflectionJournal>().AddManyAsync(
                [.. Enumerable.Range(0, 40).Select(i => new NewReflection(userId, "acknowledge-the-breach", null, $"Day {i}: the garden again", then.AddDays(i), then.AddDays(i)))]);
        }

        Assert.Equal(20, (await SearchAsync(userId, "garden")).Entries.Count);
        _commands.Clear();
        Assert.Empty((await SearchAsync(userId, "orchard")).Entries);
        Assert.DoesNotContain(_commands.Commands, ReadsReflectionText);
    }

    [Fact]
    public async Task AJournalWrittenBeforeTheIndexIsSearchedInFullUntilItIsIndexedInTheBackground()
    {
        var userId = await PersonWithAsync("Our walk by the river", "My sister's advice");
        await ForgetIndexesAsync();

        Assert.Single((await SearchAsync(userId, "river")).Entries);

        await using var restarted = await _app.RestartAsync();
        await EventuallyAsync(restarted, async db => !await db.UnindexedJournals.AnyAsync());
        using var scope = restarted.Services.CreateScope();
        var journal = scope.ServiceProvider.GetRequiredService<ReflectionJournal>();
        Assert.Single((await journal.PageAsync(userId, null, "river", null, 20)).Entries);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(2, await db.ReflectionWords.CountAsync(w => w.UserId == userId));
    }

    [SqliteFact("runs the command against the SQLite data folder")]
    public async Task TheReindexCommandRebuildsEveryIndex()
    {
        // A data folder of its own, kept when the app stops, so the command can run on it as an operator would.
        var data = Directory.CreateTempSubdirectory("trustagain-test-").FullName;
        string userId;
        await using (var app = new TestApp(data))
        {
            userId = await PersonWithAsync(app, "Our walk by the river", "My sister's advice");
            await ForgetIndexesAsync(app);
        }

        var reindex = await AppCommand.RunAsync(data, "reindex");

        Assert.True(reindex.ExitCode == 0, reindex.Error);
        Assert.Contains("Rebuilt the search index", reindex.Output);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "trustagain.db")}");
        await connection.OpenAsync();
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT COUNT(*) FROM UnindexedJournals"));
        Assert.Equal(2L, await ScalarAsync(connection, $"SELECT COUNT(*) FROM ReflectionWords WHERE UserId = '{userId}'"));
        await connection.CloseAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(data, recursive: true);
    }

    private static bool ReadsReflectionText(string sql) =>
        sql.Contains("FROM \"Reflections\"", StringComparison.Ordinal) && sql.Contains("\"Ciphertext\"", StringComparison.Ordinal);

    private Task<string> PersonWithAsync(params string[] texts) => PersonWithAsync(_app, texts);

    private static async Task<string> PersonWithAsync(TestApp app, params string[] texts)
    {
        await app.RegisteredClientAsync();
        using var scope = app.Services.CreateScope();
        var userId = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.OrderByDescending(u => u.CreatedAt).Select(u => u.Id).FirstAsync();
        var journal = scope.ServiceProvider.GetRequiredService<ReflectionJournal>();
        foreach (var text in texts)
        {
            await journal.AddAsync(userId, "acknowledge-the-breach", null, text);
        }
        return userId;
    }

    private async Task<JournalPage> SearchAsync(string userId, string search)
    {
        using var scope = _app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ReflectionJournal>().PageAsync(userId, null, search, null, 20);
    }

    // As the database is right after the upgrade that brought the index: journals without one, marked to be indexed.
    private Task ForgetIndexesAsync() => ForgetIndexesAsync(_app);

    private static async Task ForgetIndexesAsync(TestApp app)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ReflectionJournal>().ForgetEveryIndexAsync();
    }

    private static async Task EventuallyAsync(TestApp app, Func<AppDbContext, Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var scope = app.Services.CreateScope();
            if (await condition(scope.ServiceProvider.GetRequiredService<AppDbContext>()))
            {
                return;
            }
            await Task.Delay(50);
        }
        Assert.Fail("The background indexing did not finish within five seconds.");
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
