using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TrustAgain.Web.Data;
using TrustAgain.Web.Encryption;

namespace TrustAgain.Web.Backups;

// `restore <backup.db> [--key <key file>]`: puts a backup and its key into the configured data folder, which must
// be empty or missing, holding the folder lock so no server starts on it half-way. The backup is checked first,
// and a key that does not open its journals is refused, so a mistake is found now rather than at start-up.
public static class RestoreCommand
{
    private const string Usage = "Usage: restore <backup.db> [--key <key file>]   (into the configured, empty data folder)";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var (backup, keyArgument) = args switch
        {
            [_, var file] => (file, null),
            [_, var file, "--key", var keyFile] => (file, keyFile),
            _ => (null, null),
        };
        if (backup is null)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }
        try
        {
            return await RestoreAsync(app, Path.GetFullPath(backup), keyArgument is null ? null : Path.GetFullPath(keyArgument));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or SqliteException)
        {
            await Console.Error.WriteLineAsync($"Nothing restored: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> RestoreAsync(WebApplication app, string backup, string? keyArgument)
    {
        var clock = Stopwatch.StartNew();
        var dataDirectory = app.Services.GetRequiredService<AppPaths>().DataDirectory;
        var configuredKey = app.Services.GetRequiredService<KeyEncryptionKey>();
        string databaseFile;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            databaseFile = Path.GetFullPath(new SqliteConnectionStringBuilder(
                scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GetConnectionString()).DataSource);
        }

        if (!File.Exists(backup))
        {
            throw new IOException($"there is no backup at {backup}.");
        }
        if (keyArgument is not null && configuredKey.KeyFile is null)
        {
            throw new InvalidOperationException("TrustAgain__JournalKey is set, so the key is not read from a file: " +
                "put the backed-up key in that setting and leave out --key.");
        }
        var integrity = await SqliteBackup.IntegrityCheckAsync(backup);
        if (integrity != "ok")
        {
            throw new InvalidOperationException($"{backup} failed PRAGMA integrity_check: {integrity}");
        }
        var key = keyArgument is null ? configuredKey : KeyEncryptionKey.FromFile(keyArgument);
        var keyState = await KeyStateInAsync(backup, key);
        if (keyState == JournalKeyState.Wrong)
        {
            throw new InvalidOperationException($"{key.Source} does not open the journals in {backup}; give the key file " +
                "written with this backup.");
        }
        if (!IsEmptyOrMissing(dataDirectory) || File.Exists(databaseFile))
        {
            throw new IOException($"the data folder {dataDirectory} is not empty. Restore only into an empty or new folder " +
                "(choose one with TrustAgain__DataDirectory), so nothing there is overwritten.");
        }

        Directory.CreateDirectory(dataDirectory);
        using var folderLock = DataFolderLock.TryAcquire(dataDirectory)
            ?? throw new IOException($"another TrustAgain process is using {dataDirectory}.");
        Directory.CreateDirectory(Path.GetDirectoryName(databaseFile)!);
        var partial = databaseFile + ".partial";
        File.Copy(backup, partial);
        await using (var copy = new FileStream(partial, FileMode.Open, FileAccess.ReadWrite))
        {
            copy.Flush(flushToDisk: true);
        }
        File.Move(partial, databaseFile);
        if (keyArgument is not null)
        {
            key.WriteOwnerOnly(configuredKey.KeyFile!);
        }

        Console.WriteLine($"Restored {backup} to {databaseFile} in {clock.Elapsed.TotalSeconds:0.0} s.");
        if (keyArgument is not null)
        {
            Console.WriteLine($"Restored the journal encryption key to {configuredKey.KeyFile} (readable only by you).");
        }
        else if (keyState == JournalKeyState.Missing)
        {
            Console.WriteLine($"WARNING: no key was restored and {configuredKey.Source} does not exist. The app will refuse to start " +
                $"(\"{JournalKeyCheck.Unavailable}\") until the key written with this backup is put there or in TrustAgain__JournalKey.");
        }
        return 0;
    }

    // Opens the backup read-only with the app's own model, to try the key before anything is copied.
    private static async Task<JournalKeyState> KeyStateInAsync(string backup, KeyEncryptionKey key)
    {
        var readOnly = new SqliteConnectionStringBuilder { DataSource = backup, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        await using var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(readOnly.ToString()).Options);
        return await JournalKeyCheck.CheckAsync(db, key);
    }

    // A lone lock file holds no data: a restore interrupted before it copied anything leaves one behind.
    private static bool IsEmptyOrMissing(string folder) =>
        !Directory.Exists(folder)
        || Directory.EnumerateFileSystemEntries(folder).All(entry => Path.GetFileName(entry) == ".lock");
}
