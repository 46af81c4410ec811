using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustAgain.Web.Data;
using TrustAgain.Web.Reminders;

namespace TrustAgain.Tests.Reminders;

// An address the mail server refuses (550 at RCPT TO) is tried again with growing waits, then reminders to it stop,
// and the person's settings page says why.
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes the app and the mail server through IAsyncLifetime.DisposeAsync.")]
public sealed class ReminderRefusalTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2027, 6, 9, 10, 0, 0, TimeSpan.Zero));
    private Smtp4dev _smtp = null!;
    private TestApp _app = null!;

    public async Task InitializeAsync()
    {
        _smtp = await Smtp4dev.StartAsync(refuse: "gone-");
        _app = new TestApp(settings: ReminderSteps.Settings(_smtp.AppSettings), services: services => services.AddSingleton<TimeProvider>(_clock));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task ARefusedAddressIsRetriedWithGrowingWaitsThenStopsAndTheSettingsPageSaysWhy()
    {
        // Sign-up mail to this address would be refused too, so the account is made directly.
        var email = $"gone-{Guid.NewGuid():N}@example.com";
        using (var scope = _app.Services.CreateScope())
        {
            var user = new AppUser { UserName = email, Email = email, CreatedAt = _clock.GetUtcNow().UtcDateTime, TimeZone = "Europe/London" };
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(user, People.Password)).Succeeded);
        }
        var client = await _app.SignedInClientAsync(email);
        await client.ChooseRemindersAsync(time: "12:00");
        _clock.SetUtcNow(new DateTimeOffset(2027, 6, 9, 11, 0, 0, TimeSpan.Zero));

        var tries = new List<(int Sent, int Failures, DateTime? Next)>();
        foreach (var wait in new[] { 0, 1, 2 })
        {
            _clock.Advance(TimeSpan.FromMinutes(wait));
            var sent = await _app.SendDueRemindersAsync();
            var row = (await _app.ReminderOfAsync(email))!;
            tries.Add((sent, row.Failures, row.NextAttemptAt));
        }
        var page = await client.GetPageAsync("/account/reminders");

        Assert.Equal((0, 1), (tries[0].Sent, tries[0].Failures));
        Assert.Equal(new DateTime(2027, 6, 9, 11, 1, 0), tries[0].Next);
        Assert.Equal((0, 2), (tries[1].Sent, tries[1].Failures));
        Assert.Equal(new DateTime(2027, 6, 9, 11, 3, 0), tries[1].Next);
        Assert.Equal((0, 3, (DateTime?)null), tries[2]);
        Assert.Equal(ReminderSender.StoppedReason, page.Text("[data-stopped]"));
        Assert.Empty(await _smtp.MessagesAsync());
        Assert.DoesNotContain(_app.Logs.Lines, l => l.Contains(email, StringComparison.OrdinalIgnoreCase));
        _clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(0, await _app.SendDueRemindersAsync());
    }
}
