using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using TrustAgain.Web.Data;
using TrustAgain.Web.Encryption;

namespace TrustAgain.Web.Accounts;

// Identity's EF Core user store, except that second factors are never stored in the clear: the authenticator key
// is sealed with the key-encryption key and recovery codes are stored as keyed hashes (see AccountSecrets). They
// stay in AspNetUserTokens under Identity's own names, so a value an earlier version stored in the clear is still
// found, and sealed or hashed the first time it is read.
public sealed class SecondFactorStore(AppDbContext context, AccountSecrets secrets, IdentityErrorDescriber? describer = null)
    : UserStore<AppUser, IdentityRole, AppDbContext>(context, describer)
{
    private const string Provider = "[AspNetUserStore]";
    private const string AuthenticatorKeyName = "AuthenticatorKey";
    private const string RecoveryCodesName = "RecoveryCodes";
    private const string AuthenticatorKeyPurpose = "authenticator-key";

    public override Task SetAuthenticatorKeyAsync(AppUser user, string key, CancellationToken cancellationToken) =>
        SetTokenAsync(user, Provider, AuthenticatorKeyName, secrets.Seal(user.Id, AuthenticatorKeyPurpose, key), cancellationToken);

    public override async Task<string?> GetAuthenticatorKeyAsync(AppUser user, CancellationToken cancellationToken)
    {
        if (await GetTokenAsync(user, Provider, AuthenticatorKeyName, cancellationToken) is not { } stored)
        {
            return null;
        }
        if (stored.StartsWith(AccountSecrets.SealedPrefix, StringComparison.Ordinal))
        {
            // A sealed key that does not open (altered, or moved from another person) is no key at all.
            return secrets.Open(user.Id, AuthenticatorKeyPurpose, stored);
        }
        await SetAuthenticatorKeyAsync(user, stored, cancellationToken);
        await SaveChanges(cancellationToken);
        return stored;
    }

    public override Task ReplaceCodesAsync(AppUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        StoreHashesAsync(user, [.. recoveryCodes.Select(code => secrets.HashRecoveryCode(user.Id, code))], cancellationToken);

    public override async Task<bool> RedeemCodeAsync(AppUser user, string code, CancellationToken cancellationToken)
    {
        var hashes = await HashesAsync(user, cancellationToken);
        var typed = Encoding.ASCII.GetBytes(secrets.HashRecoveryCode(user.Id, code));
        var match = hashes.FindIndex(hash => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), typed));
        if (match < 0)
        {
            return false;
        }
        hashes.RemoveAt(match);
        await StoreHashesAsync(user, hashes, cancellationToken);
        return true;
    }

    public override async Task<int> CountCodesAsync(AppUser user, CancellationToken cancellationToken) =>
        (await HashesAsync(user, cancellationToken)).Count;

    private async Task<List<string>> HashesAsync(AppUser user, CancellationToken cancellationToken)
    {
        var stored = await GetTokenAsync(user, Provider, RecoveryCodesName, cancellationToken) ?? "";
        if (stored.StartsWith(AccountSecrets.SealedPrefix, StringComparison.Ordinal))
        {
            return [.. stored[AccountSecrets.SealedPrefix.Length..].Split(';', StringSplitOptions.RemoveEmptyEntries)];
        }
        // Codes an earlier version stored in the clear: hash them now.
        var hashes = stored.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(code => secrets.HashRecoveryCode(user.Id, code)).ToList();
        if (hashes.Count > 0)
        {
            await StoreHashesAsync(user, hashes, cancellationToken);
            await SaveChanges(cancellationToken);
        }
        return hashes;
    }

    private Task StoreHashesAsync(AppUser user, IReadOnlyCollection<string> hashes, CancellationToken cancellationToken) =>
        SetTokenAsync(user, Provider, RecoveryCodesName, AccountSecrets.SealedPrefix + string.Join(';', hashes), cancellationToken);
}
