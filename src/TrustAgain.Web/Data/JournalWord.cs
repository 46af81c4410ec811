namespace TrustAgain.Web.Data;

// One tag (see ReflectionWords) that some entry of this person's journal holds or once held, so a search for a
// word the journal has never contained ends with one indexed lookup. Rows are added before the entries that need
// them and are not removed when an entry changes (an extra tag only costs a search some work, a missing one would
// hide an entry), so they always cover every entry. Its one store is Journal/ReflectionJournal.
[PersonalRow]
public sealed class JournalWord
{
    public required string UserId { get; set; }

    public long Tag { get; set; }
}
