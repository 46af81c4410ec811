using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using TrustAgain.Web.Data;

namespace TrustAgain.Web.Encryption;

public enum JournalKeyState
{
    NobodyYet,
    Opens,
    Missing,
    Wrong,
}

// Proves that the key-encryption key opens the journals in the database, by unwrapping one person's data key.
// Start-up refuses to serve without it, rather than showing every entry as damaged, and /readyz reports it.
public static class JournalKeyCheck
{
    public const string Unavailable = "encryption key unavailable";

    public static async Task<JournalKeyState> CheckAsync(AppDbContext db, KeyEncryptionKey key, CancellationToken cancellationToken = default)
    {
        var someone = await db.Users.AsNoTracking()
            .OrderBy(u => u.Id)
            .Select(u => new { u.Id, u.WrappedDataKey })
            .FirstOrDefaultAsync(cancellationToken);
        if (someone is null)
        {
            return JournalKeyState.NobodyYet;
        }
        if (key.IsNew)
        {
            return JournalKeyState.Missing;
        }
        try
        {
            new JournalCipher(key).Unwrap(someone.Id, someone.WrappedDataKey);
            return JournalKeyState.Opens;
        }
        catch (CryptographicException)
        {
            return JournalKeyState.Wrong;
        }
    }

    // Saves the key file of a fresh install, or returns false, having said why on standard error, when the
    // configured key cannot open the journals already in the database.
    public static async Task<bool> EnsureJournalKeyAsync(this WebApplication app)
    {
        KeyEncryptionKey key;
        try
        {
            key = app.Services.GetRequiredService<KeyEncryptionKey>();
        }
        catch (InvalidOperationException e)
        {
            // A key file that holds something other than a key: say which file, and what a key looks like.
            await Console.Error.WriteLineAsync($"TrustAgain will not start: {e.Message}");
            return false;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var state = await CheckAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), key);
        if (state is JournalKeyState.NobodyYet or JournalKeyState.Opens)
        {
            if (key.IsNew)
            {
                key.SaveNewKeyFile();
            }
            return true;
        }

        var problem = state == JournalKeyState.Missing
            ? $"the database holds journals but {key.Source} does not exist and TrustAgain__JournalKey is not set"
            : $"{key.Source} does not open the journals in this database";
        await Console.Error.WriteLineAsync(
            $"TrustAgain will not start: {Unavailable} — {problem}. Put back the key that was in use when the database " +
            "was backed up (`restore <backup.db> --key <key file>`, the key file from your backups, or TrustAgain__JournalKey). " +
            "No new key was created: a new key could not read any existing entry.");
        return false;
    }
}
