using System.Globalization;
using Microsoft.Data.Sqlite;

namespace TrustAgain.Web.Backups;

// Online backups of the SQLite database, shared by the `backup` command and scheduled backups. VACUUM INTO reads
// one consistent snapshot inside a read transaction, so under WAL a server keeps writing while it runs; a file
// copy could catch the database file and its WAL at different moments.
public static class SqliteBackup
{
    public const string FilePrefix = "trustagain-";
    public const string FileExtension = ".db";
    private const string PartialExtension = ".partial";

    // Writes <folder>/trustagain-<UTC time>.db and returns its path. The copy is made under a temporary name,
    // checked with PRAGMA integrity_check and flushed to disk before the rename, so a file with the final name is
    // always a whole, verified backup — even if the process dies half-way.
    public static async Task<string> WriteAsync(string connectionString, string folder, DateTime utcNow, CancellationToken cancellationToken = default)
    {
        var source = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        if (!File.Exists(source.DataSource))
        {
            throw new FileNotFoundException($"There is no database at {source.DataSource} to back up.");
        }
        Directory.CreateDirectory(folder);
        var target = Path.Combine(Path.GetFullPath(folder), NameFor(utcNow));
        var partial = target + PartialExtension;
        try
        {
            await using (var connection = new SqliteConnection(source.ToString()))
            {
                await connection.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA busy_timeout = 10000; VACUUM INTO $target;";
                command.Parameters.AddWithValue("$target", partial);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            // The copy holds e-mail addresses and password hashes in the clear, like the database itself.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(partial, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            var integrity = await IntegrityCheckAsync(partial, cancellationToken);
            if (integrity != "ok")
            {
                throw new InvalidDataException($"The backup failed PRAGMA integrity_check: {integrity}");
            }
            await using (var written = new FileStream(partial, FileMode.Open, FileAccess.ReadWrite))
            {
                written.Flush(flushToDisk: true);
            }
            File.Move(partial, target);
            return target;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    // "ok", or what SQLite found wrong, one problem per line.
    public static async Task<string> IntegrityCheckAsync(string databaseFile, CancellationToken cancellationToken = default)
    {
        var readOnly = new SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        await using var connection = new SqliteConnection(readOnly.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        var problems = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            problems.Add(reader.GetString(0));
        }
        return string.Join(Environment.NewLine, problems);
    }

    // Deletes all but the newest `keep` backups in the folder. Names sort by time, and only files this code
    // named are touched.
    public static IReadOnlyList<string> KeepNewest(string folder, int keep)
    {
        var backups = Directory.GetFiles(folder, FilePrefix + "*")
            .Where(file => file.EndsWith(FileExtension, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var removed = backups.Take(Math.Max(0, backups.Count - keep)).ToList();
        removed.ForEach(File.Delete);
        return removed;
    }

    public static string NameFor(DateTime utcNow) =>
        FilePrefix + utcNow.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture) + FileExtension;
}
