using TrustAgain.Web.Data;
using TrustAgain.Web.Reminders;

namespace TrustAgain.Tests.Reminders;

// When the next reminder falls: at the person's own local time, on a day that is not quiet, spaced by their cadence,
// and at the same local hour on both sides of a daylight-saving change.
public sealed class ReminderScheduleTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeOnly Eight = new(8, 0);

    private static DateTime Utc(string at) => DateTime.SpecifyKind(DateTime.Parse(at, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);

    private static DateTime Local(DateTime utc, TimeZoneInfo zone) => TimeZoneInfo.ConvertTimeFromUtc(utc, zone);

    [Fact]
    public void TheFirstReminderIsTodayAtTheChosenLocalTimeIfThatIsStillAhead()
    {
        Assert.Equal(Utc("2026-06-10 07:00"), ReminderSchedule.Next(Utc("2026-06-10 05:00"), ReminderCadence.Daily, Eight, 0, London, null));
        Assert.Equal(Utc("2026-06-11 07:00"), ReminderSchedule.Next(Utc("2026-06-10 07:00"), ReminderCadence.Daily, Eight, 0, London, null));
    }

    [Fact]
    public void EightInTheMorningStaysEightLocalWhenTheClocksGoForwardAndBack()
    {
        // London: clocks go forward on 29 March 2026 and back on 25 October 2026.
        var before = ReminderSchedule.Next(Utc("2026-03-28 09:00"), ReminderCadence.Daily, Eight, 0, London, lastSent: Utc("2026-03-28 08:00"));
        var after = ReminderSchedule.Next(before!.Value, ReminderCadence.Daily, Eight, 0, London, lastSent: before);
        var autumn = ReminderSchedule.Next(Utc("2026-10-24 09:00"), ReminderCadence.Daily, Eight, 0, London, lastSent: Utc("2026-10-24 07:00"));

        Assert.Equal(Utc("2026-03-29 07:00"), before);
        Assert.Equal(Utc("2026-03-30 07:00"), after);
        Assert.Equal(Utc("2026-10-25 08:00"), autumn);
        Assert.All(new[] { before!.Value, after!.Value, autumn!.Value }, at => Assert.Equal(8, Local(at, London).Hour));
    }

    [Fact]
    public void ATimeTheClocksSkipComesJustAfterTheGapAndATimeThatHappensTwiceComesTheFirstTime()
    {
        // New York skips 02:00-03:00 on 8 March 2026 and repeats 01:00-02:00 on 1 November 2026.
        var skipped = ReminderSchedule.Next(Utc("2026-03-08 00:00"), ReminderCadence.Daily, new TimeOnly(2, 30), 0, NewYork, null);
        var twice = ReminderSchedule.Next(Utc("2026-11-01 00:00"), ReminderCadence.Daily, new TimeOnly(1, 30), 0, NewYork, null);

        Assert.Equal(new DateTime(2026, 3, 8, 3, 0, 0), Local(skipped!.Value, NewYork));
        Assert.Equal(Utc("2026-11-01 05:30"), twice);
    }

    [Theory]
    [InlineData(ReminderCadence.Daily, "2026-06-11 07:00")]
    [InlineData(ReminderCadence.EveryFewDays, "2026-06-12 07:00")]
    [InlineData(ReminderCadence.Weekly, "2026-06-17 07:00")]
    public void TheCadenceSpacesRemindersFromTheLastOne(ReminderCadence cadence, string expected)
    {
        Assert.Equal(Utc(expected), ReminderSchedule.Next(Utc("2026-06-10 07:00"), cadence, Eight, 0, London, lastSent: Utc("2026-06-10 07:00")));
    }

    [Fact]
    public void QuietDaysAreSkipped()
    {
        // 12 June 2026 is a Friday.
        var quiet = ReminderSchedule.QuietDaysOf([DayOfWeek.Saturday, DayOfWeek.Sunday]);

        var next = ReminderSchedule.Next(Utc("2026-06-12 07:00"), ReminderCadence.Daily, Eight, quiet, London, lastSent: Utc("2026-06-12 07:00"));

        Assert.Equal(Utc("2026-06-15 07:00"), next);
        Assert.Equal(DayOfWeek.Monday, next!.Value.DayOfWeek);
    }

    [Fact]
    public void AReminderMissedWhileNothingRanIsSentOnceAndTheRhythmCarriesOnFromThere()
    {
        // The last one went out on 1 June; nothing ran until the afternoon of 10 June.
        var next = ReminderSchedule.Next(Utc("2026-06-10 15:00"), ReminderCadence.Daily, Eight, 0, London, lastSent: Utc("2026-06-01 07:00"));

        Assert.Equal(Utc("2026-06-11 07:00"), next);
    }

    [Fact]
    public void EveryDayQuietMeansNoReminderAtAll()
    {
        Assert.Null(ReminderSchedule.Next(Utc("2026-06-10 05:00"), ReminderCadence.Daily, Eight, ReminderSchedule.EveryDay, London, null));
    }
}
