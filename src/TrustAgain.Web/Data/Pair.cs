namespace TrustAgain.Web.Data;

// Two people who chose to link their accounts. The pair key seals what either offers the other; it is stored only
// wrapped by the key-encryption key, like a person's key, and deleting this row (ending the link) takes the key,
// both member rows, every offer and the disclosure record with it in one statement.
[PersonalRow]
public sealed class Pair
{
    public Guid Id { get; set; }

    public required byte[] WrappedKey { get; set; }

    public DateTime CreatedAt { get; set; }
}
