using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace TrustAgain.Tests.Reminders;

// Reminders on real mail: a real SMTP server (smtp4dev) receives them at the person's local time, discreetly
// worded, with nothing the person wrote, once each, and with a stop link that works without signing in.
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes the app and the mail server through IAsyncLifetime.DisposeAsync.")]
public sealed class ReminderMailTests : IAsyncLifetime
{
    private const string Private = "The night I found the messages on the laptop";

    // Friday 26 March 2027, noon in London; the clocks go forward early on Sunday 28 March.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2027, 3, 26, 12, 0, 0, TimeSpan.Zero));
    private Smtp4dev _smtp = null!;
    private TestApp _app = null!;

    public async Task InitializeAsync()
    {
        _smtp = await Smtp4dev.StartAsync();
        _app = new TestApp(settings: ReminderSteps.Settings(_smtp.AppSettings), services: services => services.AddSingleton<TimeProvider>(_clock));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private async Task<(HttpClient Client, string Email)> PersonWhoWroteAsync()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var sent = await _app.NewClient().SubmitAsync("/account/register", new Dictionary<string, string> { ["Input.Email"] = email });
        Assert.Contains("Check your inbox", (await sent.ParseAsync()).Text());
        var client = _app.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await client.FinishSignUpAsync(MailPickup.LinkIn(await _smtp.OnlyMessageToAsync(email), "/account/finish-sign-up"))).StatusCode);
        await client.WriteAsync(JourneySteps.FirstStep, Private);
        await _smtp.ClearAsync();
        return (client, email);
    }

    private async Task<MimeMessage> OnlyMessageToAsync(string email) =>
        MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(await _smtp.OnlyMessageToAsync(email))));

    [Fact]
    public async Task AReminderArrivesOnceAtEightLocalTimeOnBothSidesOfTheClockChange()
    {
        var (client, email) = await PersonWhoWroteAsync();
        await client.ChooseRemindersAsync(time: "08:00", timeZone: "Europe/London");

        _clock.SetUtcNow(new DateTimeOffset(2027, 3, 27, 7, 59, 0, TimeSpan.Zero));
        Assert.Equal(0, await _app.SendDueRemindersAsync());
        _clock.SetUtcNow(new DateTimeOffset(2027, 3, 27, 8, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await _app.SendDueRemindersAsync());
        Assert.Equal(0, await _app.SendDueRemindersAsync());
        var saturday = await OnlyMessageToAsync(email);
        await _smtp.ClearAsync();
        // Sunday is in summer time: 08:00 in London is 07:00 UTC.
        _clock.SetUtcNow(new DateTimeOffset(2027, 3, 28, 6, 59, 0, TimeSpan.Zero));
        Assert.Equal(0, await _app.SendDueRemindersAsync());
        _clock.SetUtcNow(new DateTimeOffset(2027, 3, 28, 7, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await _app.SendDueRemindersAsync());
        var sunday = await OnlyMessageToAsync(email);

        Assert.NotEqual(saturday.MessageId, sunday.MessageId);
        Assert.Contains("29 Mar 2027, 08:00", (await client.GetPageAsync("/account/reminders")).Text("[data-next]"));
    }

    [Fact]
    public async Task AReminderIsDiscreetAndCarriesNothingThePersonWrote()
    {
        var (client, email) = await PersonWhoWroteAsync();
        await client.ChooseRemindersAsync(time: "13:00");
        _clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(1, await _app.SendDueRemindersAsync());
        var message = await OnlyMessageToAsync(email);
        var body = message.TextBody;

        Assert.Equal("A note from Notes", message.Subject);
        Assert.Equal("Notes", message.From.Mailboxes.Single().Name);
        Assert.DoesNotContain(Private, body);
        foreach (var word in new[] { "trust", "betray", "relationship", "partner", "affair", "journey" })
        {
            Assert.DoesNotContain(word, message.Subject + "\n" + body, StringComparison.OrdinalIgnoreCase);
        }
        Assert.StartsWith("A few quiet minutes for yourself", body);
        Assert.Contains("You last wrote today.", body);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Matches(@"^<https://notes\.example/reminders/stop\?t=[^>]+>$", message.Headers["List-Unsubscribe"]);
        Assert.Contains("/reminders/stop?t=", body);
    }

    [Fact]
    public async Task FullerWordingNamesTheNextStepOfTheirJourneyButStillNothingTheyWrote()
    {
        var (client, email) = await PersonWhoWroteAsync();
        await client.ChooseRemindersAsync(time: "13:00", fuller: true);
        _clock.Advance(TimeSpan.FromHours(1));

        await _app.SendDueRemindersAsync();
        var body = (await OnlyMessageToAsync(email)).TextBody;

        Assert.Contains("Next in “", body);
        Assert.Contains("https://notes.example/journeys/", body);
        Assert.DoesNotContain(Private, body);
    }

    [Fact]
    public async Task TheStopHeaderTurnsRemindersOffWithOneClickWithoutSigningIn()
    {
        var (client, email) = await PersonWhoWroteAsync();
        await client.ChooseRemindersAsync(time: "13:00");
        _clock.Advance(TimeSpan.FromHours(1));
        await _app.SendDueRemindersAsync();
        var stop = new Uri((await OnlyMessageToAsync(email)).Headers["List-Unsubscribe"]!.Trim('<', '>')).PathAndQuery;
        var stranger = _app.NewClient();

        var asked = await stranger.GetAsync(stop);
        var stillOn = (await _app.ReminderOfAsync(email))!.Enabled;
        // What a mail program sends for its own unsubscribe button (RFC 8058): no cookie, no antiforgery token.
        var clicked = await stranger.PostAsync(stop, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.True(stillOn, "Opening the link (as a mail scanner would) turned reminders off.");
        Assert.Equal(HttpStatusCode.OK, clicked.StatusCode);
        Assert.Contains("Reminders are off", (await clicked.ParseAsync()).Text());
        Assert.False((await _app.ReminderOfAsync(email))!.Enabled);
        _clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(0, await _app.SendDueRemindersAsync());
        Assert.Null((await client.GetPageAsync("/account/reminders")).QuerySelector("input[name='Input.Enabled'][checked]"));
    }
}
