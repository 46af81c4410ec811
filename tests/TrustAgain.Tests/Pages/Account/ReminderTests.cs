using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustAgain.Web.Data;
using TrustAgain.Web.Reminders;

namespace TrustAgain.Tests.Pages.Account;

// The reminder settings at /account/reminders: off until chosen, a message by each wrong field with every other
// choice kept, a calendar file instead of mail, and stop links that can only ever turn the owner's reminders off.
// With no SMTP host, reminders land in the pickup folder like all other mail.
public sealed class ReminderTests : IDisposable
{
    // Wednesday 9 June 2027, 10:00 UTC (11:00 in London).
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2027, 6, 9, 10, 0, 0, TimeSpan.Zero));
    private readonly TestApp _app;

    public ReminderTests() =>
        _app = new TestApp(settings: ReminderSteps.Settings(new Dictionary<string, string> { ["TrustAgain:RateLimits:AccountFormsPerMinute"] = "1000" }),
            services: services => services.AddSingleton<TimeProvider>(_clock));

    public void Dispose() => _app.Dispose();

    private int RemindersInPickupFolder() =>
        Directory.Exists(MailPickup.Folder(_app.DataDirectory))
            ? Directory.GetFiles(MailPickup.Folder(_app.DataDirectory), "*.eml").Count(f => File.ReadAllText(f).Contains("Subject: A note from Notes", StringComparison.Ordinal))
            : 0;

    [Fact]
    public async Task RemindersAreOffUntilThePersonTurnsThemOn()
    {
        var client = await _app.RegisteredClientAsync();

        var account = await client.GetPageAsync("/account");
        var page = await client.GetPageAsync("/account/reminders");
        _clock.Advance(TimeSpan.FromDays(8));

        Assert.NotNull(account.QuerySelector("a[href='/account/reminders']"));
        Assert.Null(page.QuerySelector("input[name='Input.Enabled'][checked]"));
        Assert.Equal(0, await _app.SendDueRemindersAsync());
        Assert.Equal(0, RemindersInPickupFolder());
    }

    [Fact]
    public async Task WrongChoicesGetAMessageByTheFieldAndEveryOtherChoiceIsKept()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var client = await _app.RegisteredClientAsync(email);

        var response = await client.ChooseRemindersAsync(cadence: "Hourly", time: "25:61", timeZone: "Mars/Olympus_Mons", quiet: [DayOfWeek.Monday], fuller: true);
        var page = await response.ParseAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Choose how often.", page.Text("#cadence-error"));
        Assert.Equal("Enter a time of day such as 08:00 or 19:30.", page.Text("#time-error"));
        Assert.Equal("Choose a time zone from the list.", page.Text("#reminder-time-zone-error"));
        Assert.Equal("25:61", page.QuerySelector("#time")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("#quiet-Monday[checked]"));
        Assert.NotNull(page.QuerySelector("input[name='Input.FullerWording'][checked]"));
        Assert.NotNull(page.QuerySelector("input[name='Input.Enabled'][checked]"));
        Assert.Null(await _app.ReminderOfAsync(email));
    }

    [Fact]
    public async Task EveryDayQuietIsRefusedByTheQuietDays()
    {
        var client = await _app.RegisteredClientAsync();

        var page = await (await client.ChooseRemindersAsync(quiet: Enum.GetValues<DayOfWeek>())).ParseAsync();

        Assert.Equal("Leave at least one day that is not quiet.", page.Text("#quiet-error"));
        Assert.Equal("", page.Text("#time-error"));
    }

    [Fact]
    public async Task SavedChoicesShowTheNextReminderInThePersonsOwnTime()
    {
        var client = await _app.RegisteredClientAsync();

        var saved = await (await client.ChooseRemindersAsync(cadence: "Weekly", time: "07:30", timeZone: "Asia/Tokyo", quiet: [DayOfWeek.Thursday])).ParseAsync();

        // 19:00 UTC is 04:00 on Thursday in Tokyo, a quiet day, so the first one is Friday morning.
        Assert.Contains("Reminders are on.", saved.Text("[data-saved]"));
        Assert.Contains("11 Jun 2027, 07:30", saved.Text("[data-next]"));
        Assert.NotNull(saved.QuerySelector("#cadence-Weekly[checked]"));
        Assert.Equal("Asia/Tokyo", saved.QuerySelector("#reminder-time-zone option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task ADueReminderGoesToThePickupFolderOnceWithAOneClickStopHeader()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var client = await _app.RegisteredClientAsync(email);
        await client.ChooseRemindersAsync(time: "12:00", timeZone: "Europe/London");

        _clock.SetUtcNow(new DateTimeOffset(2027, 6, 9, 11, 0, 0, TimeSpan.Zero));
        var first = await _app.SendDueRemindersAsync();
        var again = await _app.SendDueRemindersAsync();
        var mail = MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(MailPickup.NewestTo(_app.DataDirectory, email))));

        Assert.Equal((1, 0), (first, again));
        Assert.Equal("A note from Notes", mail.Subject);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        Assert.StartsWith("<https://notes.example/reminders/stop?t=", mail.Headers["List-Unsubscribe"]);
        Assert.Equal(1, RemindersInPickupFolder());
    }

    [Fact]
    public async Task AStopLinkTurnsOffOnlyItsOwnersRemindersAndATamperedOrExpiredOneChangesNothing()
    {
        var (owner, other) = ($"{Guid.NewGuid():N}@example.com", $"{Guid.NewGuid():N}@example.com");
        await (await _app.RegisteredClientAsync(owner)).ChooseRemindersAsync();
        await (await _app.RegisteredClientAsync(other)).ChooseRemindersAsync();
        var ownerId = (await _app.ReminderOfAsync(owner))!.UserId;
        var token = _app.Services.GetRequiredService<ReminderLinks>().StopToken(ownerId);
        var expired = _app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("TrustAgain.Reminders.Stop.v1")
            .ToTimeLimitedDataProtector().Protect(ownerId, DateTimeOffset.UtcNow.AddMinutes(-1));
        var otherPurpose = _app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("TrustAgain.SignUp")
            .ToTimeLimitedDataProtector().Protect(ownerId, DateTimeOffset.UtcNow.AddDays(1));
        var visitor = _app.NewClient();

        foreach (var bad in new[] { token[..^2] + (token[^2] == 'A' ? "BB" : "AA"), expired, otherPurpose, "" })
        {
            var opened = await visitor.GetAsync("/reminders/stop?t=" + Uri.EscapeDataString(bad));
            var posted = await visitor.PostAsync("/reminders/stop?t=" + Uri.EscapeDataString(bad), new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
            Assert.Equal(HttpStatusCode.BadRequest, opened.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
            Assert.Contains("This link does not work", (await posted.ParseAsync()).Text());
            Assert.True((await _app.ReminderOfAsync(owner))!.Enabled);
        }
        var stopped = await visitor.PostAsync("/reminders/stop?t=" + Uri.EscapeDataString(token), new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.False((await _app.ReminderOfAsync(owner))!.Enabled);
        Assert.True((await _app.ReminderOfAsync(other))!.Enabled);
    }

    [Fact]
    public async Task TheCalendarFileRepeatsTheReflectionTimeInThePersonsZoneWithoutTheirQuietDays()
    {
        var client = await _app.RegisteredClientAsync();
        await client.ChooseRemindersAsync(on: false, cadence: "Daily", time: "08:15", timeZone: "Europe/Berlin", quiet: [DayOfWeek.Sunday]);

        var response = await client.GetAsync("/account/reminders?handler=Calendar");
        var ics = (await response.Content.ReadAsStringAsync()).ReplaceLineEndings("\n").Replace("\n ", "", StringComparison.Ordinal);

        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("BEGIN:VTIMEZONE", ics);
        Assert.Contains("TZID:Europe/Berlin", ics);
        Assert.Contains("DTSTART;TZID=Europe/Berlin:20270609T081500", ics);
        Assert.Matches(@"RRULE:FREQ=DAILY;BYDAY=(?=.*MO)(?=.*SA)(?!.*SU)", ics);
        Assert.Contains("SUMMARY:A note from Notes", ics);
    }

    [Fact]
    public async Task AnInstanceThatDiedMidBatchLosesNoReminderAndTwoInstancesSendEachOnce()
    {
        var emails = Enumerable.Range(0, 12).Select(_ => $"{Guid.NewGuid():N}@example.com").ToList();
        foreach (var email in emails)
        {
            await (await _app.RegisteredClientAsync(email)).ChooseRemindersAsync(time: "12:00", timeZone: "Europe/London");
        }
        _clock.SetUtcNow(new DateTimeOffset(2027, 6, 9, 11, 0, 0, TimeSpan.Zero));
        // An instance claimed the first person's reminder and died before sending it: its lease still holds.
        using (var scope = _app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var first = await db.Users.Where(u => u.Email == emails[0]).Select(u => u.Id).SingleAsync();
            await db.Reminders.Where(r => r.UserId == first).ExecuteUpdateAsync(set => set
                .SetProperty(r => r.ClaimedBy, Guid.NewGuid())
                .SetProperty(r => r.ClaimExpiresAt, _clock.GetUtcNow().UtcDateTime.AddMinutes(5)));
        }

        var together = await Task.WhenAll(_app.SendDueRemindersAsync(), _app.SendDueRemindersAsync());
        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var afterLease = await _app.SendDueRemindersAsync();

        Assert.Equal(11, together.Sum());
        Assert.Equal(1, afterLease);
        Assert.Equal(12, RemindersInPickupFolder());
        Assert.All(emails, email => MailPickup.NewestTo(_app.DataDirectory, email));
    }

    [Fact]
    public async Task SomeoneAwayThreeWeeksGetsOneWelcomeBackNotAPile()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var client = await _app.RegisteredClientAsync(email);
        await client.WriteAsync(JourneySteps.FirstStep, "Before the time away.");
        await client.ChooseRemindersAsync(time: "12:00", timeZone: "Europe/London");

        var sent = new List<int>();
        for (var day = 0; day < 30; day++)
        {
            _clock.SetUtcNow(new DateTimeOffset(2027, 6, 9, 11, 0, 0, TimeSpan.Zero).AddDays(day));
            sent.Add(await _app.SendDueRemindersAsync());
        }
        var welcomes = Directory.GetFiles(MailPickup.Folder(_app.DataDirectory), "*.eml").Select(File.ReadAllText).Count(m => m.Contains("Welcome back", StringComparison.Ordinal));

        // Days 0 to 20 are ordinary reminders; day 21 is the one welcome back; then nothing until they return.
        Assert.Equal(Enumerable.Repeat(1, 22).Concat(Enumerable.Repeat(0, 8)), sent);
        Assert.Equal(1, welcomes);
    }

    [Fact]
    public async Task AFailedSendIsLoggedOnceWithoutTheAddressAndTriedAgainLater()
    {
        await using var app = new TestApp(
            settings: ReminderSteps.Settings(new Dictionary<string, string>
            {
                ["TrustAgain:Mail:SmtpHost"] = "127.0.0.1", ["TrustAgain:Mail:SmtpPort"] = "9", ["TrustAgain:Mail:SmtpSecurity"] = "None",
                ["TrustAgain:Mail:SmtpTimeout"] = "00:00:02",
            }),
            services: services => services.AddSingleton<TimeProvider>(_clock));
        var email = $"{Guid.NewGuid():N}@example.com";
        using (var scope = app.Services.CreateScope())
        {
            // Account mail cannot reach a mail server here either, so the account is made directly.
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, CreatedAt = _clock.GetUtcNow().UtcDateTime, TimeZone = "Europe/London" };
            Assert.True((await users.CreateAsync(user)).Succeeded);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Reminders.Add(new Reminder { UserId = user.Id, Enabled = true, TimeOfDay = new TimeOnly(11, 0), DueAt = _clock.GetUtcNow().UtcDateTime, NextAttemptAt = _clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync();
        }

        var first = await app.SendDueRemindersAsync();
        var tooSoon = await app.SendDueRemindersAsync();
        var failures = (await app.ReminderOfAsync(email))!;

        Assert.Equal((0, 0), (first, tooSoon));
        Assert.Equal(1, failures.Failures);
        Assert.Equal(_clock.GetUtcNow().UtcDateTime.AddMinutes(1), failures.NextAttemptAt);
        Assert.True(failures.Enabled);
        var logged = app.Logs.Lines.Where(l => l.Contains("Reminder ", StringComparison.Ordinal) && l.Contains("not sent", StringComparison.Ordinal)).ToList();
        Assert.Single(logged);
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(email, StringComparison.OrdinalIgnoreCase));
    }
}
