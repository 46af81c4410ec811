using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using TrustAgain.Web.Data;

namespace TrustAgain.Web.Encryption;

// Hands out a person's unwrapped data key for everything they write: reflections, check-ins, commitments.
//
// Unwrapping costs a database read, so a person's key is kept in this process's memory while they are active
// (five minutes after their last page, never longer than half an hour). That is no new exposure: the same memory
// already holds the key-encryption key, which unwraps every person's key. Deleting an account forgets its key here
// at once; another instance forgets it when the five minutes run out, and by then the journal it opened is gone.
public sealed class PersonKeys(AppDbContext db, JournalCipher cipher, IMemoryCache cache)
{
    private static readonly MemoryCacheEntryOptions WhileActive = new()
    {
        SlidingExpiration = TimeSpan.FromMinutes(5),
        AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(30),
        Size = 1,
    };

    public async Task<JournalCipher.UserKey> ForAsync(string userId)
    {
        if (cache.TryGetValue(CacheKey(userId), out JournalCipher.UserKey? cached) && cached is not null)
        {
            return cached;
        }
        var wrapped = await db.Users.Where(u => u.Id == userId).Select(u => u.WrappedDataKey).SingleAsync();
        return cache.Set(CacheKey(userId), cipher.Unwrap(userId, wrapped), WhileActive);
    }

    public void Forget(string userId) => cache.Remove(CacheKey(userId));

    private static (Type, string) CacheKey(string userId) => (typeof(PersonKeys), userId);
}
