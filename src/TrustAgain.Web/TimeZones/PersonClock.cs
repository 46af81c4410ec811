using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using TrustAgain.Web.Data;

namespace TrustAgain.Web.TimeZones;

// The signed-in person's own clock: every time they read is shown in their time zone (AppUser.TimeZone) and
// "today" is their today. Loaded once per request (PersonClockFilter for pages, LoadAsync for other endpoints);
// until the zone is known, times are shown in UTC and say so.
public sealed class PersonClock(AppDbContext db, IMemoryCache cache, TimeProvider clock)
{
    // A changed zone shows on every instance within this time; the instance where it was changed shows it at once.
    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(1);

    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public bool ZoneKnown { get; private set; }

    public async Task LoadAsync(string? userId)
    {
        if (userId is null)
        {
            return;
        }
        var id = await cache.GetOrCreateAsync(CacheKey(userId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Remembered;
            return await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.TimeZone).SingleOrDefaultAsync();
        });
        Use(PersonTimeZones.Find(id));
    }

    // For work done on a person's behalf outside a request of theirs, with the zone read from their account.
    public void Use(TimeZoneInfo? zone) => (Zone, ZoneKnown) = (zone ?? TimeZoneInfo.Utc, zone is not null);

    public void Forget(string userId) => cache.Remove(CacheKey(userId));

    public DateTimeOffset Local(DateTime utc) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), Zone);

    public DateTimeOffset Now => Local(clock.GetUtcNow().UtcDateTime);

    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    public DateOnly DayOf(DateTime utc) => DateOnly.FromDateTime(Local(utc).DateTime);

    // ISO 8601 with the offset in force at that moment: valid in a <time datetime> and in an export.
    public string Iso(DateTime utc) => Iso(Local(utc));

    public static string Iso(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public string Date(DateTime utc) => Local(utc).ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public string LongDate(DateTime utc) => Local(utc).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    // "25 Nov 2026, 21:10" in the person's zone, or "25 Nov 2026, 21:10 UTC" while their zone is not known.
    public string DateAndTime(DateTime utc) =>
        Local(utc).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture) + (ZoneKnown ? "" : " UTC");

    private static string CacheKey(string userId) => "time-zone:" + userId;
}
