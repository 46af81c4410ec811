using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;
using TrustAgain.Web.Data;

namespace TrustAgain.Web.Accounts;

public sealed class MailOptions
{
    public const string SectionName = "TrustAgain:Mail";

    public string From { get; set; } = "TrustAgain <no-reply@trustagain.local>";

    // Empty means no mail server: messages are written as .eml files to the pickup folder instead.
    public string SmtpHost { get; set; } = "";

    [Range(1, 65_535, ErrorMessage = "TrustAgain__Mail__SmtpPort must be a port number from {1} to {2}.")]
    public int SmtpPort { get; set; } = 587;

    public string SmtpUser { get; set; } = "";

    public string SmtpPassword { get; set; } = "";

    // Where links in account mail lead, e.g. https://trustagain.example. Empty means the address the request came
    // to — but a client chooses the Host header, so outside Development account mail is refused unless this or
    // AllowedHosts is set.
    public string SiteUrl { get; set; } = "";
}

// Outside Development, a link built from the request's Host header could send a sign-up or reset token to another
// site, so account mail is refused until the operator says which address is ours.
public sealed class AccountMailRefusedException() : InvalidOperationException(Reason)
{
    public const string Reason = "This server cannot send account mail yet: its operator must set TrustAgain__Mail__SiteUrl " +
        "(the site's public address, e.g. https://trustagain.example) or AllowedHosts, so that links in mail lead only to this site.";
}

// Sends account mail. The transport is System.Net.Mail's SmtpClient; with no SMTP host, its pickup-directory mode
// means a fresh install works with no mail server: each message lands in data/mail/ as an .eml file that any mail
// program opens, readable only by the app's own user, and deleted after a day (every link in it has expired by then).
public sealed class Mailer(
    IOptions<MailOptions> options, AppPaths paths, IHostEnvironment environment, IConfiguration configuration,
    TimeProvider clock, ILogger<Mailer> logger)
{
    // The longest-lived link in any account mail (sign-up) works for 24 hours.
    public static readonly TimeSpan PickupLifetime = TimeSpan.FromHours(24);

    public bool WritesToFolder => string.IsNullOrEmpty(options.Value.SmtpHost);

    public string PickupFolder => paths.MailPickupDirectory;

    // True when mail links cannot be pointed elsewhere by a forged Host header: SiteUrl names the site, AllowedHosts
    // makes the server refuse other hosts, or this is a developer's own machine.
    public bool LinksAreTrusted =>
        options.Value.SiteUrl.Length > 0
        || environment.IsDevelopment()
        || configuration["AllowedHosts"] is { Length: > 0 } hosts && hosts.Trim() != "*";

    // A link for a message about this request. With SiteUrl set, a forged Host header cannot send a sign-up or
    // password-reset token to someone else's site.
    public string Link(HttpRequest request, string pathAndQuery)
    {
        if (!LinksAreTrusted)
        {
            throw new AccountMailRefusedException();
        }
        return (options.Value.SiteUrl is { Length: > 0 } site ? site.TrimEnd('/') : $"{request.Scheme}://{request.Host}") + pathAndQuery;
    }

    public async Task SendAsync(string to, AccountMessage mail)
    {
        var settings = options.Value;
        // Plain UTF-8 text with CRLF line ends: the saved .eml reads as written and its link stays clickable
        // (quoted-printable would encode every line break and split the link).
        using var message = new MailMessage(settings.From, to, mail.Subject, mail.Body.ReplaceLineEndings("\r\n"))
        {
            BodyEncoding = System.Text.Encoding.UTF8,
            BodyTransferEncoding = System.Net.Mime.TransferEncoding.EightBit,
        };
        if (WritesToFolder)
        {
            var file = await WriteToPickupFolderAsync(message);
            // The address is personal data; the file's name is a random id, so the log says where to look, not who.
            logger.LogInformation("Account mail {Subject} written to {MailFile}", mail.Subject, file);
            return;
        }
        using var client = new SmtpClient(settings.SmtpHost, settings.SmtpPort) { EnableSsl = true };
        if (settings.SmtpUser.Length > 0)
        {
            client.Credentials = new NetworkCredential(settings.SmtpUser, settings.SmtpPassword);
        }
        await client.SendMailAsync(message);
        logger.LogInformation("Account mail {Subject} sent", mail.Subject);
    }

    // The newest message in the pickup folder, or null: a developer's shortcut to the link they just asked for.
    public FileInfo? NewestInPickupFolder() =>
        Directory.Exists(PickupFolder)
            ? new DirectoryInfo(PickupFolder).GetFiles("*.eml").OrderByDescending(f => f.LastWriteTimeUtc).FirstOrDefault()
            : null;

    // A deleted account leaves no mail behind: every message to its address is removed from the pickup folder.
    public void DeletePickedUpMailTo(string address)
    {
        if (!Directory.Exists(PickupFolder))
        {
            return;
        }
        var header = $"To: {address}";
        foreach (var file in Directory.EnumerateFiles(PickupFolder, "*.eml"))
        {
            if (File.ReadLines(file).TakeWhile(line => line.Length > 0).Any(line => line.Equals(header, StringComparison.OrdinalIgnoreCase)))
            {
                File.Delete(file);
            }
        }
    }

    // SmtpClient writes the message under a name of its own choosing, with the process's default permissions, so it
    // writes into a private folder of its own; the file is made owner-only before it joins the others.
    private async Task<string> WriteToPickupFolderAsync(MailMessage message)
    {
        DataFolderPermissions.CreatePrivateDirectory(PickupFolder);
        DataFolderPermissions.TightenFolder(PickupFolder);
        DeleteExpiredMail();
        var staging = Path.Combine(PickupFolder, $".outgoing-{Guid.NewGuid():N}");
        DataFolderPermissions.CreatePrivateDirectory(staging);
        try
        {
            using (var client = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = staging })
            {
                await client.SendMailAsync(message);
            }
            var written = Directory.GetFiles(staging).Single();
            DataFolderPermissions.MakeOwnerOnly(written);
            var target = Path.Combine(PickupFolder, Path.GetFileName(written));
            File.Move(written, target);
            return target;
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private void DeleteExpiredMail()
    {
        var expired = clock.GetUtcNow().UtcDateTime - PickupLifetime;
        foreach (var file in new DirectoryInfo(PickupFolder).EnumerateFiles("*.eml").Where(f => f.LastWriteTimeUtc < expired))
        {
            file.Delete();
        }
    }
}

// Says at start-up, once, when account mail will be refused, so an operator learns it before a person does.
public sealed class AccountMailCheck(Mailer mailer, ILogger<AccountMailCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!mailer.LinksAreTrusted)
        {
            logger.LogWarning("Account mail is refused: {Reason}", AccountMailRefusedException.Reason);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
