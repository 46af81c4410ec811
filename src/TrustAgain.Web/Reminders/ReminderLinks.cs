using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace TrustAgain.Web.Reminders;

// The stop link in every reminder: the person's id sealed by Data Protection for this one purpose, with an expiry,
// so it works without signing in, cannot be forged or turned to another account, and opens on any instance (the
// keys live in the database). All it can ever do is turn reminders off.
public sealed class ReminderLinks(IDataProtectionProvider protection, TimeProvider clock)
{
    // Long enough for an old reminder found at the bottom of an inbox to still work.
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(180);

    public const string StopPath = "/reminders/stop";

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("TrustAgain.Reminders.Stop.v1").ToTimeLimitedDataProtector();

    public string StopToken(string userId) => _protector.Protect(userId, clock.GetUtcNow() + Lifetime);

    // The person a stop token names, or null for one that is missing, altered, for another purpose, or expired.
    public string? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2000)
        {
            return null;
        }
        try
        {
            return _protector.Unprotect(token) is { Length: > 0 } userId ? userId : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
