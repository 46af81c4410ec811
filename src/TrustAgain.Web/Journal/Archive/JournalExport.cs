
namespace TrustAgain.Web.Journal.Archive;

// The export file format. Versioned so later releases can still import older exports.
// Version 1 held progress and reflections; version 2 added check-ins, commitments and kept safety-check answers,
// which are null when a version 1 file is read; version 3 writes every time with its UTC offset (older files' times
// are UTC). Offers to a linked person were added to version 3 without a new version: they are written for the
// person to keep and never imported, because an offer exists only within a link.
public sealed record JournalExport(
    string Format, int Version, DateTime ExportedAt,
    IReadOnlyList<ExportedProgress> Progress, IReadOnlyList<ExportedReflection> Reflections,
    IReadOnlyList<ExportedCheckIn>? CheckIns = null,
    IReadOnlyList<ExportedCommitment>? Commitments = null,
    IReadOnlyList<ExportedSafetyCheck>? SafetyChecks = null,
    IReadOnlyList<ExportedOffer>? Offers = null)
{
    public const string FormatName = "trustagain-journal";
    public const int CurrentVersion = 3;
}

public sealed record ExportedProgress(string StepKey, DateTime CompletedAt);

// Text is null for an entry that was damaged when exported; it cannot be restored.
public sealed record ExportedReflection(
    string StepKey, string? Prompt, string? Text, DateTime CreatedAt, DateTime UpdatedAt);

// Damaged is true (and the answers null) for a check-in that could not be read when exported; it cannot be restored.
public sealed record ExportedCheckIn(
    DateTime CreatedAt, string? StepKey, int? Trust, int? Safety, IReadOnlyList<string>? Feelings, string? Note, bool Damaged);

// Wording is null when it was damaged when exported; such a commitment cannot be restored.
public sealed record ExportedCommitment(
    string? Wording, string? JourneyKey, string? StepKey, DateTime CreatedAt, IReadOnlyList<ExportedCommitmentEntry> Log);

// Outcome is null for an entry that was damaged when exported. A renegotiation keeps the wording before and after.
public sealed record ExportedCommitmentEntry(
    DateOnly On, Outcome? Outcome, string? Note, string? WordingBefore, string? WordingAfter, DateTime CreatedAt);

// Only checks whose answers the person chose to keep are exported; Answers is null when they were damaged.
public sealed record ExportedSafetyCheck(string JourneyKey, DateTime CompletedAt, IReadOnlyDictionary<string, SafetyAnswer>? Answers);

// One of the person's own offers to the other person, as sent (passages left out already removed). What the other
// person offered them is not in their export: it is the other person's, and they can withdraw it.
public sealed record ExportedOffer(string StepKey, string? Text, string? Note, DateTime OfferedAt, DateTime? ExpiresAt, DateTime? OpenedAt);
