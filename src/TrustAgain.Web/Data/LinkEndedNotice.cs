namespace TrustAgain.Web.Data;

// Tells a person, once they next look, that the other person ended their link. It holds no reason, no name and no
// time: the other person's choice is theirs, and when they made it is not this person's to know.
[PersonalRow]
public sealed class LinkEndedNotice
{
    public required string UserId { get; set; }
}
