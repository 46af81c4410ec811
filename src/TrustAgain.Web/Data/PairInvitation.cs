namespace TrustAgain.Web.Data;

public enum InvitationState
{
    Open,
    Accepted,
    Revoked,
    Used,
    Declined,
}

// An invitation to link, passed on by the inviter as a link and a short code. Only hashes of both are stored, so
// a copy of the database cannot be used to accept it. Rows stay after use so a second use can be told why it fails.
[PersonalRow]
public sealed class PairInvitation
{
    public Guid Id { get; set; }

    public required string InviterId { get; set; }

    public required byte[] TokenHash { get; set; }

    public required byte[] CodeHash { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public InvitationState State { get; set; }

    public string? AcceptedById { get; set; }
}
