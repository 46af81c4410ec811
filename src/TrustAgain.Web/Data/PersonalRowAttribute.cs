namespace TrustAgain.Web.Data;

// Marks an entity whose rows are part of a person's record: what they wrote, answered, agreed or did. Each such
// kind of row has one owner, its store in Journal/, which alone reads, writes, encrypts and decrypts it; nothing
// outside Journal/ and Data/ may touch it. PersonalRowTests reads this mark and checks both rules in the compiled
// app, and fails for an entity of the model that carries neither this mark nor NotPersonalRow.
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PersonalRowAttribute : Attribute;

// Marks an entity that is not part of a person's record, saying why, so that every entity of the model has been
// sorted one way or the other by someone who thought about it.
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NotPersonalRowAttribute(string reason) : Attribute
{
    public string Reason => reason;
}
