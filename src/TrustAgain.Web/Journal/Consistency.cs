namespace TrustAgain.Web.Journal;

// How often an agreement was kept: kept ÷ (kept + slipped).
//
// Renegotiations are left out on purpose. Changing an agreement that no longer fits is part of keeping faith,
// not a failure; counting it as a slip would teach people to let agreements quietly lapse instead of talking.
// Damaged entries are left out too, because their outcome cannot be known.
public sealed record Consistency(int Kept, int Slipped)
{
    public int Counted => Kept + Slipped;

    // Whole percent, rounded half up; null when nothing has been kept or slipped yet.
    public int? Percent => Counted == 0 ? null : (int)Math.Floor(100.0 * Kept / Counted + 0.5);

    public string Counts => Counted == 0 ? "nothing kept or slipped logged yet" : $"kept {Kept} of {Counted}";

    public string Summary => Percent is { } percent ? $"{Counts} ({percent}%)" : Counts;

    public static Consistency Of(IEnumerable<CommitmentLog> log) =>
        new(log.Count(e => e.Outcome == Outcome.Kept), log.Count(e => e.Outcome == Outcome.Slipped));
}

// The two figures shown for an agreement: the last 30 days (today and the 29 days before it) and overall.
public sealed record ConsistencyFigures(Consistency Recent, Consistency Overall)
{
    public const int WindowDays = 30;

    public static DateOnly WindowStart(DateOnly today) => today.AddDays(-(WindowDays - 1));

    public static ConsistencyFigures For(IReadOnlyList<CommitmentLog> log, DateOnly today) =>
        new(Consistency.Of(log.Where(e => e.On >= WindowStart(today))), Consistency.Of(log));

    public string Summary => $"Last 30 days: {Recent.Summary}. Overall: {Overall.Summary}.";
}
