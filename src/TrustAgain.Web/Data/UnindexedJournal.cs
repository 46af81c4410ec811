namespace TrustAgain.Web.Data;

// A person whose journal was written before the search index existed, or whose index is being rebuilt: until this
// row is gone their searches read every entry, as before the index. Journal/SearchIndexing works through these.
[NotPersonalRow("Only says that a person's search index is not complete yet; it holds nothing the person wrote.")]
public sealed class UnindexedJournal
{
    public required string UserId { get; set; }
}
