namespace TrustAgain.Web.Data;

// A snapshot of a reflection one person offered the other, with passages left out already removed and an optional
// note, sealed with the pair key. It keeps no link to the reflection's row that could delete it: editing or
// deleting the reflection leaves the offer as it was sent.
[PersonalRow]
public sealed class Offer
{
    public Guid Id { get; set; }

    public Guid PairId { get; set; }

    public required string AuthorId { get; set; }

    // Kept beside the pair so the header's "something is waiting" check is one indexed look-up.
    public required string ReaderId { get; set; }

    public Guid ReflectionId { get; set; }

    public required string StepKey { get; set; }

    public required byte[] Ciphertext { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ExpiresAt { get; set; }

    public DateTime? OpenedAt { get; set; }
}
