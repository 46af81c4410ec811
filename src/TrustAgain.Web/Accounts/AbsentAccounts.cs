using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using TrustAgain.Web.Data;

namespace TrustAgain.Web.Accounts;

// Signing in with an address that has no account costs the same and answers the same as a wrong password for a
// real one, so neither the words nor the time of the answer tell anyone who has an account: the password is
// checked against a dummy hash (the same PBKDF2 work), and after the same number of failures the address is
// "paused" for the same time. The counts live in this process's memory (real accounts' counts live in the
// database), keyed by a hash of the address rather than the address itself.
public sealed class AbsentAccounts(IOptions<PasswordHasherOptions> hashing, IMemoryCache cache, TimeProvider clock, IOptions<IdentityOptions> identity)
{
    // The same hasher and settings (PBKDF2, 210,000 iterations) that check real accounts' passwords.
    private readonly PasswordHasher<AppUser> _hasher = new(hashing);

    private string? _dummyHash;

    private string DummyHash => _dummyHash ??= _hasher.HashPassword(new AppUser(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)));

    private sealed class Failures
    {
        public int Count;
        public DateTimeOffset? PausedUntil;
    }

    // The same work as checking a real account's password; the answer is always "no".
    public void CheckAsIfReal(string password) =>
        _hasher.VerifyHashedPassword(new AppUser(), DummyHash, password);

    public SignInResult SignIn(string email, string password)
    {
        CheckAsIfReal(password);
        var lockout = identity.Value.Lockout;
        var failures = cache.GetOrCreate(Key(email), entry =>
        {
            entry.SlidingExpiration = lockout.DefaultLockoutTimeSpan;
            return new Failures();
        })!;
        lock (failures)
        {
            var now = clock.GetUtcNow();
            if (failures.PausedUntil > now)
            {
                return SignInResult.LockedOut;
            }
            failures.PausedUntil = null;
            if (++failures.Count < lockout.MaxFailedAccessAttempts)
            {
                return SignInResult.Failed;
            }
            // As Identity does for a real account: the failure that reaches the limit starts the pause.
            failures.Count = 0;
            failures.PausedUntil = now + lockout.DefaultLockoutTimeSpan;
            return SignInResult.LockedOut;
        }
    }

    // Whether the address is paused now, before this attempt (for the security log, as for a real account).
    public bool IsPaused(string email) =>
        cache.TryGetValue(Key(email), out Failures? failures) && failures!.PausedUntil > clock.GetUtcNow();

    private static (Type, string) Key(string email) =>
        (typeof(AbsentAccounts), Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToUpperInvariant()))));
}
