namespace TrustAgain.Web.Data;

// One person's place in a pair, keyed by the person, so nobody can be in two pairs at once. The two switches are
// this person's own choices, off until they turn them on.
[PersonalRow]
public sealed class PairMember
{
    public required string UserId { get; set; }

    public Guid PairId { get; set; }

    public DateTime JoinedAt { get; set; }

    public bool ShareFinishedSteps { get; set; }

    public bool ShareCheckInTrend { get; set; }
}
