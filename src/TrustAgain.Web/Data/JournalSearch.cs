namespace TrustAgain.Web.Data;

// A journal search, kept for the signed-in session that made it, so its results have an address of their own
// (Back and Reload work) that holds nothing of what was searched for. The terms are encrypted with the person's
// key like their reflections; the row goes when the session ends or the account is deleted (see SECURITY.md).
// Its one store is Journal/JournalSearches.
[PersonalRow]
public sealed class JournalSearch
{
    // Random, and never derived from the terms.
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    public Guid SessionId { get; set; }

    // The words and the filter, as JSON, encrypted (see Journal/JournalSearches).
    public required byte[] Ciphertext { get; set; }

    public DateTime CreatedAt { get; set; }
}
