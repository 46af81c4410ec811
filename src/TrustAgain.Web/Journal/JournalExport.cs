namespace TrustAgain.Web.Journal;

// The export file format. Versioned so later releases can still import older exports.
public sealed record JournalExport(
    string Format, int Version, DateTime ExportedAt,
    IReadOnlyList<ExportedProgress> Progress, IReadOnlyList<ExportedReflection> Reflections)
{
    public const string FormatName = "trustagain-journal";
    public const int CurrentVersion = 1;
}

public sealed record ExportedProgress(string StepKey, DateTime CompletedAt);

// Text is null for an entry that was damaged when exported; it cannot be restored.
public sealed record ExportedReflection(
    string StepKey, string? Prompt, string? Text, DateTime CreatedAt, DateTime UpdatedAt);
