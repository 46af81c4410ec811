using System.Security.Cryptography;
using System.Text;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Data;
using TrustAgain.Web.TimeZones;

namespace TrustAgain.Web.Reminders;

// Sends every due reminder once, from any number of instances, through a claimed-row outbox: the Reminders row of
// each person is the outbox entry of their next reminder. An instance claims a batch of due rows with a lease
// (FOR UPDATE SKIP LOCKED on PostgreSQL, so instances never wait for each other; on SQLite the database's single
// writer does the same), sends them over one SMTP connection, and moves each row on to its next moment.
//
// The trade-off is at-least-once with one narrow window, chosen over at-most-once because a reminder silently lost
// is worse than one sent twice: if an instance dies after the mail server accepted a message but before it marked
// the row sent, the lease runs out and another instance sends it again. That resend carries the same Message-ID
// (derived from the person and the reminder's moment), so mail programs that notice it show one message.
public sealed class ReminderSender(
    IServiceScopeFactory scopes, MailTransport transport, IOptions<ReminderOptions> options, IOptions<MailOptions> mail,
    TimeProvider clock, ILogger<ReminderSender> logger) : BackgroundService
{
    public const string StoppedReason =
        "Your mail server refused our reminders several times in a row, so we stopped sending them. Check the address on your account, then turn reminders on again.";

    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(6);

    public bool CanSend => mail.Value.SiteUrl.Length > 0;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Send)
        {
            return;
        }
        if (!CanSend)
        {
            logger.LogWarning("Reminders are not sent: set TrustAgain__Mail__SiteUrl so that the links in them lead to this site.");
            return;
        }
        using var timer = new PeriodicTimer(options.Value.PollInterval, clock);
        do
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Nothing was lost: whatever this round claimed is released when its lease runs out.
                logger.LogWarning("Reminders could not be sent this round: {Reason}", e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    // Sends every reminder due now, batch by batch, and returns how many were handed to the mail server.
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var sent = 0;
        while (await ClaimAsync(cancellationToken) is { Count: > 0 } batch)
        {
            sent += await SendBatchAsync(batch, cancellationToken);
        }
        if (sent > 0)
        {
            logger.LogInformation("Reminders sent: {Count}", sent);
        }
        return sent;
    }

    private sealed record Claimed(Reminder Reminder, string Email, string? TimeZone, DateTime AccountCreated, Guid Claim);

    private async Task<IReadOnlyList<Claimed>> ClaimAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var claim = Guid.NewGuid();
        var size = options.Value.BatchSize;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // PostgreSQL locks the chosen rows until the claim commits and lets other instances skip them; SQLite
            // has one writer at a time, and the claim below re-checks each row, so a row claimed meanwhile is left.
            var due = db is PostgresAppDbContext
                ? await db.Database.SqlQuery<string>($"""
                    SELECT "UserId" AS "Value" FROM "Reminders"
                    WHERE "Enabled" AND "NextAttemptAt" <= {now} AND ("ClaimExpiresAt" IS NULL OR "ClaimExpiresAt" < {now})
                    ORDER BY "NextAttemptAt" LIMIT {size} FOR UPDATE SKIP LOCKED
                    """).ToListAsync(cancellationToken)
                : await db.Reminders.Where(Claimable(now)).OrderBy(r => r.NextAttemptAt).Select(r => r.UserId).Take(size).ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                return [];
            }
            await db.Reminders.Where(r => due.Contains(r.UserId)).Where(Claimable(now)).ExecuteUpdateAsync(set => set
                .SetProperty(r => r.ClaimedBy, claim)
                .SetProperty(r => r.ClaimExpiresAt, now + options.Value.Lease), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return await db.Reminders.AsNoTracking()
            .Where(r => r.ClaimedBy == claim)
            .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new { Reminder = r, u.Email, u.TimeZone, u.CreatedAt })
            .Select(x => new Claimed(x.Reminder, x.Email ?? "", x.TimeZone, x.CreatedAt, claim))
            .ToListAsync(cancellationToken);
    }

    private static System.Linq.Expressions.Expression<Func<Reminder, bool>> Claimable(DateTime now) =>
        r => r.Enabled && r.NextAttemptAt != null && r.NextAttemptAt <= now && (r.ClaimExpiresAt == null || r.ClaimExpiresAt < now);

    private async Task<int> SendBatchAsync(IReadOnlyList<Claimed> batch, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var notes = scope.ServiceProvider.GetRequiredService<ReminderNotes>();
        var links = scope.ServiceProvider.GetRequiredService<ReminderLinks>();
        var sent = 0;
        MailConnection? connection = null;
        try
        {
            foreach (var item in batch)
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var zone = PersonTimeZones.Find(item.TimeZone) ?? TimeZoneInfo.Utc;
                var reminder = item.Reminder;
                var facts = await notes.FactsAsync(reminder.UserId, item.AccountCreated, reminder.WelcomeBackSentAt, now, SiteUrl);
                if (facts is null)
                {
                    await MoveOnAsync(db, item, zone, now, sentNow: false, welcomedBack: false, cancellationToken);
                    continue;
                }
                try
                {
                    connection ??= await transport.OpenAsync(cancellationToken);
                    using var message = Message(item, facts, links);
                    await connection.SendAsync(message, cancellationToken);
                }
                catch (Exception e) when (e is SmtpCommandException or ParseException or SmtpProtocolException or IOException or TimeoutException
                    or MailKit.Security.AuthenticationException or MailKit.ServiceNotConnectedException or System.Net.Sockets.SocketException)
                {
                    await FailedAsync(db, item, facts.Kind, e, now, cancellationToken);
                    // Anything but a refusal of this one message may have broken the connection: open a new one.
                    if (e is not (SmtpCommandException or ParseException) && connection is not null)
                    {
                        await connection.DisposeAsync();
                        connection = null;
                    }
                    continue;
                }
                await MoveOnAsync(db, item, zone, now, sentNow: true, welcomedBack: facts.Kind == ReminderKind.WelcomeBack, cancellationToken);
                sent++;
            }
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
        return sent;
    }

    private string SiteUrl => mail.Value.SiteUrl.TrimEnd('/');

    private MimeMessage Message(Claimed item, ReminderFacts facts, ReminderLinks links)
    {
        var settings = options.Value;
        var stopLink = $"{SiteUrl}{ReminderLinks.StopPath}?t={Uri.EscapeDataString(links.StopToken(item.Reminder.UserId))}";
        var text = ReminderMail.Write(facts, item.Reminder.FullerWording, SiteUrl + "/", SiteUrl + "/account/reminders", stopLink);
        var from = transport.From;
        var message = new MimeMessage { Subject = settings.Subject, MessageId = MessageId(item.Reminder.UserId, item.Reminder.DueAt, from.Domain) };
        message.From.Add(new MailboxAddress(settings.SenderName, from.Address));
        message.To.Add(MailboxAddress.Parse(item.Email));
        // RFC 8058: mail programs show their own unsubscribe button and POST "List-Unsubscribe=One-Click" to the link.
        message.Headers.Add("List-Unsubscribe", $"<{stopLink}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        // RFC 3834: an automatic message, so out-of-office replies are not sent back to it.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = MailTransport.PlainText(text.Body);
        return message;
    }

    // The same reminder always has the same Message-ID, so a resend after a crash is recognisably the same message;
    // it is a hash, so the header does not carry the person's account id.
    public static string MessageId(string userId, DateTime? dueAt, string domain)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{userId}|{dueAt?.Ticks}"));
        return $"reminder.{Convert.ToHexStringLower(hash)[..32]}@{domain}";
    }

    // Moves the row on to the reminder after this one, whether this one was sent or rightly skipped. The next moment
    // counts from this reminder's own moment, so a reminder sent late does not shift the rhythm, and one missed while
    // every instance was down is sent once rather than as a pile.
    private async Task MoveOnAsync(AppDbContext db, Claimed item, TimeZoneInfo zone, DateTime now, bool sentNow, bool welcomedBack, CancellationToken cancellationToken)
    {
        var r = item.Reminder;
        var next = ReminderSchedule.Next(now, r.Cadence, r.TimeOfDay, r.QuietDays, zone, r.DueAt);
        await db.Reminders.Where(x => x.UserId == r.UserId && x.ClaimedBy == item.Claim).ExecuteUpdateAsync(set => set
            .SetProperty(x => x.DueAt, next)
            .SetProperty(x => x.NextAttemptAt, next)
            .SetProperty(x => x.ClaimedBy, (Guid?)null)
            .SetProperty(x => x.ClaimExpiresAt, (DateTime?)null)
            .SetProperty(x => x.Failures, 0)
            .SetProperty(x => x.LastSentAt, sentNow ? now : r.LastSentAt)
            .SetProperty(x => x.WelcomeBackSentAt, welcomedBack ? now : r.WelcomeBackSentAt), cancellationToken);
    }

    // A failed try is logged once, by kind and reason (never the address or the text), and tried again later, waiting
    // longer each time. An address the mail server refuses again and again stops getting reminders, and the person's
    // settings page says why.
    private async Task FailedAsync(AppDbContext db, Claimed item, ReminderKind kind, Exception e, DateTime now, CancellationToken cancellationToken)
    {
        var r = item.Reminder;
        var failures = r.Failures + 1;
        // An address the server refuses, or one that is not an address at all, will not start working by itself.
        var refused = e is SmtpCommandException { StatusCode: >= (SmtpStatusCode)500 } or ParseException;
        var stop = refused && failures >= options.Value.RefusalsBeforeStopping;
        var wait = TimeSpan.FromMinutes(Math.Min(Math.Pow(2, failures - 1), LongestWait.TotalMinutes));
        var reason = e is SmtpCommandException command ? $"{command.ErrorCode} {(int)command.StatusCode}" : e.GetType().Name;
        if (stop)
        {
            logger.LogWarning("Reminder {Kind} refused {Failures} times in a row ({Reason}); sending stopped for this person", kind, failures, reason);
        }
        else
        {
            logger.LogWarning("Reminder {Kind} not sent ({Reason}); trying again in {Wait}", kind, reason, wait);
        }
        await db.Reminders.Where(x => x.UserId == r.UserId && x.ClaimedBy == item.Claim).ExecuteUpdateAsync(set => set
            .SetProperty(x => x.Failures, failures)
            .SetProperty(x => x.NextAttemptAt, stop ? null : now + wait)
            .SetProperty(x => x.DueAt, stop ? null : r.DueAt)
            .SetProperty(x => x.StoppedBecause, stop ? StoppedReason : r.StoppedBecause)
            .SetProperty(x => x.ClaimedBy, (Guid?)null)
            .SetProperty(x => x.ClaimExpiresAt, (DateTime?)null), cancellationToken);
    }
}
