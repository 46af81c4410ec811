namespace TrustAgain.Web.Journal;

// Builds the search index of journals written before it existed (see Data/UnindexedJournal), one person at a time,
// in the background after start-up, so the first start after the upgrade is not held up: until a person's journal
// is done their searches read every entry, as before. `reindex` rebuilds every journal's index the same way.
public sealed class SearchIndexing(IServiceScopeFactory scopes, ILogger<SearchIndexing> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var people = await IndexEveryJournalAsync(scopes, stoppingToken);
            if (people > 0)
            {
                logger.LogInformation("Indexed the journals of {People} people for search", people);
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Searches stay right without the index, only slower, so a failure here must not stop the app; the
            // journals not yet indexed are taken up again at the next start.
            logger.LogError(error, "Indexing journals for search stopped; searches read every entry until the next start");
        }
    }

    // `reindex`: throws every index away and builds each again. Run it with the app stopped (the data folder's lock
    // makes sure of that on SQLite), or a save made while an index is thrown away could be missed by it.
    public static async Task<int> RebuildAsync(IServiceProvider services, TextWriter output)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReflectionJournal>().ForgetEveryIndexAsync();
        }
        var people = await IndexEveryJournalAsync(services.GetRequiredService<IServiceScopeFactory>(), CancellationToken.None);
        await output.WriteLineAsync($"Rebuilt the search index of {people} journals.");
        return 0;
    }

    private static async Task<int> IndexEveryJournalAsync(IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        // Off the start-up path: the host starts background services one after another.
        await Task.Yield();
        var people = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            // A scope per person, so the change tracker and the connection are not held across the whole run.
            await using var scope = scopes.CreateAsyncScope();
            var journal = scope.ServiceProvider.GetRequiredService<ReflectionJournal>();
            if (await journal.NextUnindexedAsync() is not { } userId)
            {
                break;
            }
            await journal.IndexAsync(userId, cancellationToken);
            people++;
        }
        return people;
    }
}
