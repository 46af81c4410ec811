namespace TrustAgain.Web.Data;

// That a person has taken the safety check before a journey, so it is not asked every time. Their answers are
// kept only when they ask for it, and then only encrypted.
[PersonalRow]
public sealed class SafetyCheck
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    public required string JourneyKey { get; set; }

    public DateTime CompletedAt { get; set; }

    public byte[]? Answers { get; set; }
}
