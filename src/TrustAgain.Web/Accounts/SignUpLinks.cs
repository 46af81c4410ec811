using System.Net.Mail;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace TrustAgain.Web.Accounts;

// What a sign-up link vouches for: this address received the mail, and where to go once the account exists.
public sealed record SignUpInvitation(string Email, string? ReturnUrl);

// Sign-up proves the address before any account row exists, so nobody can claim someone else's address with a
// password of their own, and the register form answers the same whether or not the address has an account.
// The link's token is the invitation sealed by Data Protection with an expiry: nothing is stored until it is used,
// and its keys live in the database, so a link mailed by one instance opens on any other.
public sealed class SignUpLinks(IDataProtectionProvider protection)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("TrustAgain.SignUp").ToTimeLimitedDataProtector();

    public string Token(SignUpInvitation invitation) =>
        _protector.Protect(JsonSerializer.Serialize(invitation), Lifetime);

    // Null for a token that is missing, altered, sealed by keys this app does not have, or past its expiry.
    public SignUpInvitation? Read(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<SignUpInvitation>(_protector.Unprotect(token)) is { Email.Length: > 0 } invitation
                ? invitation
                : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }

    // The address as one plain mailbox, trimmed: "Name <a@b.c>" or two addresses pass [EmailAddress] but are not
    // one address we could create an account for, and Identity's user names allow only a few characters.
    public static string? Normalise(string typed, string allowedCharacters)
    {
        var address = typed.Trim();
        return MailAddress.TryCreate(address, out var parsed)
            && parsed.Address == address
            && parsed.DisplayName.Length == 0
            && address.All(allowedCharacters.Contains)
            ? address
            : null;
    }
}
