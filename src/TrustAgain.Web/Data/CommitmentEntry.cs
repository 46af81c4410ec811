namespace TrustAgain.Web.Data;

// One time a commitment was kept, slipped or renegotiated. The outcome, the note and any new wording are one
// encrypted payload: how someone keeps their word is as private as what they write. The date is plain so the
// record can be ordered; it says that something was logged that day, never what.
[PersonalRow]
public sealed class CommitmentEntry
{
    public Guid Id { get; set; }

    public Guid CommitmentId { get; set; }

    // Copied from the commitment so every query can filter on the owner without a join.
    public required string UserId { get; set; }

    // The day the person says it happened, which may be earlier than the day they logged it.
    public DateOnly On { get; set; }

    public required byte[] Ciphertext { get; set; }

    public DateTime CreatedAt { get; set; }
}
