namespace TrustAgain.Web.Data;

// A signed-in browser. The cookie holds only this row's id; deleting the row ends the session everywhere,
// even for a copy of the cookie taken before sign-out.
[NotPersonalRow("Where an account is signed in, kept by Accounts/ for sign-in and 'sign out everywhere'; it holds nothing the person wrote.")]
public sealed class UserSession
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    // The authentication ticket, serialized and protected with Data Protection.
    public required byte[] Ticket { get; set; }

    // A short description such as "Firefox on Windows", so a person can recognise their devices.
    public required string Device { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime LastSeenAt { get; set; }

    public DateTime ExpiresAt { get; set; }
}
