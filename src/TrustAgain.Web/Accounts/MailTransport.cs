using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;
using TrustAgain.Web.Data;

namespace TrustAgain.Web.Accounts;

// How every message leaves the app, account mail and reminders alike: MimeKit builds it and MailKit's SMTP client
// sends it. With no SMTP host, a fresh install works with no mail server at all: each message lands in data/mail/
// as an .eml file that any mail program opens, readable only by the app's own user, and deleted after a day.
public sealed class MailTransport(IOptions<MailOptions> options, AppPaths paths, TimeProvider clock)
{
    // The longest-lived link in any account mail (sign-up) works for 24 hours.
    public static readonly TimeSpan PickupLifetime = TimeSpan.FromHours(24);

    // Saved files use CRLF line ends like mail on the wire, whatever the platform, so a saved .eml reads as sent.
    private static readonly FormatOptions Format = CreateFormat();

    public bool WritesToFolder => string.IsNullOrEmpty(options.Value.SmtpHost);

    public string PickupFolder => paths.MailPickupDirectory;

    public MailboxAddress From => MailboxAddress.Parse(options.Value.From);

    // Plain UTF-8 text sent as 8-bit: the saved .eml reads as written and its links stay clickable (quoted-printable
    // would encode line breaks and split long links).
    public static TextPart PlainText(string text)
    {
        var part = new TextPart(TextFormat.Plain) { ContentTransferEncoding = ContentEncoding.EightBit };
        part.SetText("utf-8", text.ReplaceLineEndings("\r\n"));
        return part;
    }

    // A connection that sends one message or many: reminders send a batch over one SMTP session.
    public async Task<MailConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (WritesToFolder)
        {
            return new MailConnection(this, null);
        }
        var settings = options.Value;
        var client = new SmtpClient { Timeout = (int)settings.SmtpTimeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.SmtpHost, settings.SmtpPort, settings.SmtpSecurity switch
            {
                SmtpSecurity.ImplicitTls => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.None => SecureSocketOptions.None,
                _ => SecureSocketOptions.StartTls,
            }, cancellationToken);
            if (settings.SmtpUser.Length > 0)
            {
                await client.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword, cancellationToken);
            }
            return new MailConnection(this, client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    // Sends one message; returns the file it was written to when there is no mail server, or null.
    public async Task<string?> SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.SendAsync(message, cancellationToken);
    }

    internal async Task<string> WriteToPickupFolderAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        DataFolderPermissions.CreatePrivateDirectory(PickupFolder);
        DataFolderPermissions.TightenFolder(PickupFolder);
        DeleteExpiredMail();
        // Written under a hidden name and made owner-only before it is renamed, so a reader of the folder never
        // sees half a message.
        var name = Guid.NewGuid().ToString("N");
        var partial = Path.Combine(PickupFolder, $".{name}.part");
        await using (var file = File.Create(partial))
        {
            await message.WriteToAsync(Format, file, cancellationToken);
        }
        DataFolderPermissions.MakeOwnerOnly(partial);
        // Dated by the app's clock, which also decides when the file has expired.
        File.SetLastWriteTimeUtc(partial, clock.GetUtcNow().UtcDateTime);
        var target = Path.Combine(PickupFolder, name + ".eml");
        File.Move(partial, target);
        return target;
    }

    private void DeleteExpiredMail()
    {
        var expired = clock.GetUtcNow().UtcDateTime - PickupLifetime;
        foreach (var file in new DirectoryInfo(PickupFolder).EnumerateFiles("*.eml").Where(f => f.LastWriteTimeUtc < expired))
        {
            file.Delete();
        }
    }

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }
}

// One open way out for mail: an SMTP session, or the pickup folder when there is no mail server.
public sealed class MailConnection(MailTransport transport, SmtpClient? client) : IAsyncDisposable
{
    public async Task<string?> SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        if (client is null)
        {
            return await transport.WriteToPickupFolderAsync(message, cancellationToken);
        }
        await client.SendAsync(message, cancellationToken);
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (client is null)
        {
            return;
        }
        if (client.IsConnected)
        {
            try
            {
                await client.DisconnectAsync(quit: true);
            }
            catch (Exception e) when (e is IOException or MailKit.ProtocolException or OperationCanceledException)
            {
                // Every message was already handed over or failed on its own; a server that drops the QUIT changes neither.
            }
        }
        client.Dispose();
    }
}
