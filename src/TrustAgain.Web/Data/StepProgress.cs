namespace TrustAgain.Web.Data;

// A step this person has marked done. Keyed by the step's stable key, never its position.
[PersonalRow]
public sealed class StepProgress
{
    public required string UserId { get; set; }

    public required string StepKey { get; set; }

    public DateTime CompletedAt { get; set; }
}
