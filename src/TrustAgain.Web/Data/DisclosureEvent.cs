namespace TrustAgain.Web.Data;

public enum DisclosureKind
{
    Offered,
    Opened,
    Withdrawn,
    Expired,
}

// One line of the record both linked people see: what happened to an offer and when, naming only the guide step.
[PersonalRow]
public sealed class DisclosureEvent
{
    public Guid Id { get; set; }

    public Guid PairId { get; set; }

    public Guid OfferId { get; set; }

    public required string AuthorId { get; set; }

    public required string StepKey { get; set; }

    public DisclosureKind Kind { get; set; }

    public DateTime At { get; set; }
}
