using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using TrustAgain.Web.Data;

namespace TrustAgain.Web.Encryption;

public static class KeyEncryptionKeyCheck
{
    // An instance started with another key-encryption key than the one the stored journals were wrapped with
    // (an instance of several given none, which then creates its own; a key file restored from the wrong backup)
    // would show every entry as damaged and wrap new people's keys so that the other instances cannot read them.
    // It refuses to start instead, having said why on standard error.
    public static async Task<bool> KeyOpensStoredJournalsAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Every account gets its wrapped key as it is created, so any one of them will do.
        var someone = await db.Users.AsNoTracking().Select(u => new { u.Id, u.WrappedDataKey }).FirstOrDefaultAsync();
        if (someone is null)
        {
            return true;
        }
        try
        {
            scope.ServiceProvider.GetRequiredService<JournalCipher>().Unwrap(someone.Id, someone.WrappedDataKey);
            return true;
        }
        catch (CryptographicException)
        {
            await Console.Error.WriteLineAsync("The journal key-encryption key does not open the journals stored in this database. " +
                "Give this instance the same key as the others (TrustAgain__JournalKey or TrustAgain__JournalKeyFile), " +
                "or restore the key file that belongs with this database.");
            return false;
        }
    }
}
