using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using TrustAgain.Web.Data;
using TrustAgain.Web.Encryption;

namespace TrustAgain.Web.Backups;

// `backup <folder>`: a verified online copy of the database plus a separate copy of the key-encryption key,
// taken beside a running server. It neither migrates nor takes the data folder lock, which the server holds.
public static class BackupCommand
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args is not [_, var folder] || string.IsNullOrWhiteSpace(folder))
        {
            await Console.Error.WriteLineAsync("Usage: backup <folder>");
            return 2;
        }
        var key = app.Services.GetRequiredService<KeyEncryptionKey>();
        if (key.IsNew)
        {
            await Console.Error.WriteLineAsync($"No backup made: {key.Source} does not exist and TrustAgain__JournalKey is not set, " +
                "so there is no key to back up and no journal could be read from the copy.");
            return 1;
        }

        var clock = Stopwatch.StartNew();
        await using var scope = app.Services.CreateAsyncScope();
        var connectionString = scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GetConnectionString()!;
        string backup;
        try
        {
            backup = await SqliteBackup.WriteAsync(connectionString, folder, DateTime.UtcNow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or Microsoft.Data.Sqlite.SqliteException)
        {
            await Console.Error.WriteLineAsync($"No backup made: {e.Message}");
            return 1;
        }
        var keyCopy = Path.ChangeExtension(backup, ".key");
        key.WriteOwnerOnly(keyCopy);

        Console.WriteLine($"Backed up the database to {backup} ({new FileInfo(backup).Length / 1_048_576.0:0.0} MB, integrity_check ok) in {clock.Elapsed.TotalSeconds:0.0} s.");
        Console.WriteLine($"Wrote the journal encryption key to {keyCopy} (readable only by you).");
        Console.WriteLine("WARNING: anyone who has both files can read every journal. Move the key file somewhere else now " +
            "(a password manager, a different disk or account) and never store or send it together with the database.");
        Console.WriteLine($"Restore with: restore {backup} --key <where you keep {Path.GetFileName(keyCopy)}>");
        return 0;
    }
}
