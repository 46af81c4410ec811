namespace TrustAgain.Web.Data;

// One trust check-in. Everything the person chose or wrote (both scores, feeling words, note) is one encrypted
// payload (see Journal/CheckIns); only when it was made, and after which step, stay readable.
[PersonalRow]
public sealed class CheckIn
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    // The step just marked done when the check-in was offered there; null for a check-in made any other time.
    public string? StepKey { get; set; }

    public required byte[] Ciphertext { get; set; }

    public DateTime CreatedAt { get; set; }
}
