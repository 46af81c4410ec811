namespace TrustAgain.Web.Data;

// The search index of one reflection, beside it: a keyed hash of every three-letter piece of every word it holds,
// so a search can pass over the entries that cannot match without decrypting them. The hashes are keyed with a
// key of the owner's (see Encryption/JournalCipher), so they reveal nothing of the words without it; what they do
// reveal is in SECURITY.md. Deleting the reflection deletes this row. Its one store is Journal/ReflectionJournal.
[PersonalRow]
public sealed class ReflectionWords
{
    public Guid ReflectionId { get; set; }

    public required string UserId { get; set; }

    // The distinct tags, eight bytes each, in ascending order (see Journal/SearchWords).
    public required byte[] Tags { get; set; }
}
