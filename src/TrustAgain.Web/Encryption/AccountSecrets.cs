using System.Security.Cryptography;
using System.Text;

namespace TrustAgain.Web.Encryption;

// Second factors are kept so that a copy of the database alone cannot sign in as anyone: the authenticator key is
// sealed with the key-encryption key (AES-256-GCM, bound to its owner and purpose), and recovery codes are kept only
// as keyed hashes (HMAC-SHA-256 under a key derived from the key-encryption key), so not even their hashes can be
// tried against guesses without that key.
public sealed class AccountSecrets(KeyEncryptionKey keyEncryptionKey)
{
    // Marks a value this class wrote; a value without it was stored in the clear by an earlier version.
    public const string SealedPrefix = "sealed1:";

    private readonly Lazy<byte[]> _recoveryCodeKey = new(() =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, keyEncryptionKey.Bytes, 32, info: Encoding.UTF8.GetBytes("trustagain/recovery-codes/v1")));

    public string Seal(string userId, string purpose, string secret) =>
        SealedPrefix + Convert.ToBase64String(JournalCipher.Seal(keyEncryptionKey.Bytes, Encoding.UTF8.GetBytes(secret), Context(userId, purpose)));

    // Null when the value is not one this class sealed for this person and purpose, or has been altered.
    public string? Open(string userId, string purpose, string stored)
    {
        if (!stored.StartsWith(SealedPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        try
        {
            return JournalCipher.Open(keyEncryptionKey.Bytes, Convert.FromBase64String(stored[SealedPrefix.Length..]), Context(userId, purpose))
                is { } plain ? Encoding.UTF8.GetString(plain) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    // Recovery codes are compared as typed, give or take spaces and letter case.
    public string HashRecoveryCode(string userId, string code)
    {
        var normalised = code.Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
        return Convert.ToBase64String(HMACSHA256.HashData(_recoveryCodeKey.Value, Encoding.UTF8.GetBytes($"{userId}/{normalised}")));
    }

    private static byte[] Context(string userId, string purpose) => Encoding.UTF8.GetBytes($"trustagain/{purpose}/v1/{userId}");
}
