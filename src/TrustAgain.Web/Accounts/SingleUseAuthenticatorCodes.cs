using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TrustAgain.Web.Data;
using TrustAgain.Web.Security;

namespace TrustAgain.Web.Accounts;

// Checks codes from an authenticator app (RFC 6238: HMAC-SHA-1, 30-second steps, six digits) so that each code
// works once: the last time step accepted is kept per person, and a code of that step or an earlier one is refused,
// so a code read over someone's shoulder cannot be used again. A phone's clock may be one step (30 s) off either
// way, no more.
public sealed class SingleUseAuthenticatorCodes(AppDbContext db, TimeProvider clock, SecurityEvents events) : IUserTwoFactorTokenProvider<AppUser>
{
    private const int StepSeconds = 30;

    // Like Identity's own authenticator provider, nothing is generated: the code comes from the person's app.
    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) => Task.FromResult("");

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        if (token.Length != 6 || !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            || await manager.GetAuthenticatorKeyAsync(user) is not { Length: > 0 } key || Base32.Decode(key) is not { } secret)
        {
            return false;
        }
        var now = clock.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;
        for (var step = now - 1; step <= now + 1; step++)
        {
            if (Code(secret, step) != code)
            {
                continue;
            }
            // Accepting a step and remembering it are one statement, so the same code sent twice at once is accepted once.
            if (await db.Users.Where(u => u.Id == user.Id && (u.LastAuthenticatorStep == null || u.LastAuthenticatorStep < step))
                    .ExecuteUpdateAsync(set => set.SetProperty(u => u.LastAuthenticatorStep, step)) == 1)
            {
                // Identity saves the whole user row afterwards (a sign-in resets the failure count): it must carry
                // the step just stored, not the one read before it.
                user.LastAuthenticatorStep = step;
                return true;
            }
            events.TwoFactorCodeReused(user.Id);
            return false;
        }
        return false;
    }

    private static int Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        // SHA-1 is what RFC 6238 and every authenticator app use for TOTP; here it is the standard, not a choice.
#pragma warning disable CA5350
        var hash = HMACSHA1.HashData(secret, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        return (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7FFFFFFF) % 1_000_000;
    }

    private static class Base32
    {
        private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

        public static byte[]? Decode(string text)
        {
            var bytes = new List<byte>();
            int buffer = 0, bits = 0;
            foreach (var c in text.TrimEnd('=').ToUpperInvariant())
            {
                var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
                if (value < 0)
                {
                    return null;
                }
                buffer = (buffer << 5) | value;
                bits += 5;
                if (bits >= 8)
                {
                    bytes.Add((byte)(buffer >> (bits - 8)));
                    bits -= 8;
                }
            }
            return [.. bytes];
        }
    }
}
