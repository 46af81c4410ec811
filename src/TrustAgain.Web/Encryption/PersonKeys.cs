using Microsoft.EntityFrameworkCore;
using TrustAgain.Web.Data;

namespace TrustAgain.Web.Encryption;

// Hands out a person's unwrapped data key for everything they write: reflections, check-ins, commitments.
// Scoped to one request, so a page that reads several kinds of data unwraps the key once.
public sealed class PersonKeys(AppDbContext db, JournalCipher cipher)
{
    private JournalCipher.UserKey? _key;

    public async Task<JournalCipher.UserKey> ForAsync(string userId)
    {
        if (_key is { } cached && cached.UserId == userId)
        {
            return cached;
        }
        var wrapped = await db.Users.Where(u => u.Id == userId).Select(u => u.WrappedDataKey).SingleAsync();
        return _key = cipher.Unwrap(userId, wrapped);
    }
}
