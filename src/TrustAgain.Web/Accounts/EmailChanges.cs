using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using TrustAgain.Web.Data;

namespace TrustAgain.Web.Accounts;

// What a mailed "confirm your new address" link carries: whose account, which address, and Identity's own
// change-e-mail token (which is bound to the address and to the account's security stamp).
public sealed record EmailChange(string UserId, string NewEmail, string IdentityToken);

public enum EmailChangeOutcome { Changed, AddressTaken, LinkNotValid }

// An address is moved to an account only once the link mailed to that address is followed, so nobody can claim an
// address they do not read. The link's token is the change sealed by Data Protection for an hour (the address
// stays out of the URL); the old address is told, and every other session of the account ends.
public sealed class EmailChanges(
    IDataProtectionProvider protection, UserManager<AppUser> users, SessionList sessions, Mailer mailer, SignInManager<AppUser> signIn)
{
    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("TrustAgain.EmailChange").ToTimeLimitedDataProtector();

    public async Task<string> TokenAsync(AppUser user, string newEmail) =>
        _protector.Protect(JsonSerializer.Serialize(new EmailChange(user.Id, newEmail, await users.GenerateChangeEmailTokenAsync(user, newEmail))),
            TimeSpan.FromHours(1));

    // Null for a token that is missing, altered or past its hour.
    public EmailChange? Read(string? token)
    {
        try
        {
            return string.IsNullOrEmpty(token) ? null : JsonSerializer.Deserialize<EmailChange>(_protector.Unprotect(token));
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }

    public async Task<EmailChangeOutcome> ConfirmAsync(EmailChange change, ClaimsPrincipal current)
    {
        if (await users.FindByIdAsync(change.UserId) is not { } user)
        {
            return EmailChangeOutcome.LinkNotValid;
        }
        var oldEmail = user.Email!;
        var result = await users.ChangeEmailAsync(user, change.NewEmail, change.IdentityToken);
        if (result.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName"))
        {
            return EmailChangeOutcome.AddressTaken;
        }
        if (!result.Succeeded || !(await users.SetUserNameAsync(user, change.NewEmail)).Succeeded)
        {
            return EmailChangeOutcome.LinkNotValid;
        }
        await mailer.SendAsync(oldEmail, AccountMail.AddressChanged());
        // The security stamp changed with the address; this browser, if it is this person's, stays signed in.
        var isThisPerson = current.UserId() == user.Id;
        await sessions.EndAllExceptAsync(user.Id, isThisPerson ? DatabaseTicketStore.CurrentSessionId(current) : null);
        if (isThisPerson)
        {
            await signIn.RefreshSignInAsync(user);
        }
        return EmailChangeOutcome.Changed;
    }
}
