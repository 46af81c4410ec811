namespace TrustAgain.Web.Data;

// One journal entry on a guide step. The text is only ever stored encrypted (see Encryption/JournalCipher); only Journal/ReflectionJournal reads or writes it.
[PersonalRow]
public sealed class Reflection
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    // The guide step's stable key: content can be edited or reordered without losing the link.
    public required string StepKey { get; set; }

    // The prompt being answered, copied from the guide at the time so it survives content edits.
    public string? Prompt { get; set; }

    public required byte[] Ciphertext { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    // Bumped on every edit; an edit made from a stale page is refused instead of overwriting newer text.
    public int Version { get; set; }

    // The one-time id of the form this entry was written in, so the same form submitted twice (a double click,
    // a resubmission, Back and Save again) is stored once. Null for entries from imports, seeding and old forms.
    public Guid? FormId { get; set; }
}
