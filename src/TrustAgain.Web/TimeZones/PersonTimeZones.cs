namespace TrustAgain.Web.TimeZones;

// The zones a person can live in, by IANA id ("Europe/London"): what browsers report, what the tz database names,
// and what anything that acts at a person's local hour can rely on.
public static class PersonTimeZones
{
    // Every place-named zone the system knows, and UTC, in order, for the account page's list.
    public static IReadOnlyList<TimeZoneInfo> All { get; } =
        [.. TimeZoneInfo.GetSystemTimeZones()
            .Where(zone => zone.HasIanaId && (zone.Id.Contains('/', StringComparison.Ordinal) && !zone.Id.StartsWith("Etc/", StringComparison.Ordinal) || zone.Id == "UTC"))
            .OrderBy(zone => zone.Id, StringComparer.Ordinal)];

    // "Europe/London (UTC+00:00)", with the offset in force now.
    public static string Describe(TimeZoneInfo zone)
    {
        var offset = zone.GetUtcOffset(DateTime.UtcNow);
        return $"{zone.Id.Replace('_', ' ')} (UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset:hh\\:mm})";
    }

    // Null for anything that is not an IANA id the system knows (a Windows name, a typo, a hostile string).
    public static TimeZoneInfo? Find(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= 100
            && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId && zone.Id == id
            ? zone
            : null;
}
