using TrustAgain.Web.Backups;
using TrustAgain.Web.Content;
using TrustAgain.Web.Data;
using TrustAgain.Web.Encryption;
using TrustAgain.Web.Journal;
using TrustAgain.Web.Seeding;

namespace TrustAgain.Web;

// The command-line verbs, each run instead of the web server, dispatched once from Program.cs after every setting
// has been checked and the guide read (a broken content file stops them all, with file, line and reason). What
// each may touch decides how much more of start-up it goes through first:
//   check-content  says the guide is valid; it needs no data folder, so authors run it anywhere.
//   backup         copies the database and the key, possibly while a server runs, so it runs before anything
//                  creates the data folder, migrates or takes the folder's lock (it only reads).
//   restore        fills an empty data folder, creating it and taking its lock itself, and leaves nothing behind
//                  when it refuses. Both backup and restore copy SQLite files, so they refuse PostgreSQL.
//   reindex        rebuilds every journal's search index; like seed, it needs what the server needs.
//   seed           writes through the app's own stores, so it needs what the server needs: the guide, a writable
//                  data folder, a migrated database and a journal key that opens the journals already there.
public static class AppCommands
{
    public static bool IsCommand(string[] args) => args is ["check-content" or "backup" or "restore" or "seed" or "reindex", ..];

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        switch (args[0])
        {
            case "check-content":
                var guide = app.Services.GetRequiredService<GuideLibrary>();
                Console.WriteLine($"content/ is valid: {guide.Sections.Count} sections, {guide.AllSteps.Count()} steps, {guide.Journeys.Count} journeys.");
                return 0;
            case "backup" or "restore" when app.UsesPostgreSql():
                await Console.Error.WriteLineAsync("backup and restore copy the SQLite database. With PostgreSQL, back up with pg_dump " +
                    "and restore with pg_restore, and keep the journal key apart from both (see the README's Backups section).");
                return 1;
            case "backup":
                return await BackupCommand.RunAsync(app, args);
            case "restore":
                return await RestoreCommand.RunAsync(app, args);
            default:
                var ready = app.PrepareDataFolder(Console.Error) && await app.PrepareDatabaseAsync() && await app.EnsureJournalKeyAsync();
                if (!ready)
                {
                    return 1;
                }
                return args[0] == "reindex" ? await SearchIndexing.RebuildAsync(app.Services, Console.Out) : await SeedCommand.RunAsync(app, args);
        }
    }
}
