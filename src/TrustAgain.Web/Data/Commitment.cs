namespace TrustAgain.Web.Data;

// A concrete agreement a person recorded ("We will talk every Sunday"). The wording is only ever stored
// encrypted; which journey step it came from is plain, because it is the guide's text, not theirs.
[PersonalRow]
public sealed class Commitment
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    public string? JourneyKey { get; set; }

    public string? StepKey { get; set; }

    // The current wording. A renegotiation replaces it; the entry that records it keeps the old and new wording.
    public required byte[] Ciphertext { get; set; }

    public DateTime CreatedAt { get; set; }
}
