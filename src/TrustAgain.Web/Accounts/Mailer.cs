using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using MimeKit;

namespace TrustAgain.Web.Accounts;

public enum SmtpSecurity
{
    StartTls,
    ImplicitTls,
    None,
}

public sealed class MailOptions : IValidatableObject
{
    public const string SectionName = "TrustAgain:Mail";

    public string From { get; set; } = "TrustAgain <no-reply@trustagain.local>";

    // Empty means no mail server: messages are written as .eml files to the pickup folder instead.
    public string SmtpHost { get; set; } = "";

    [Range(1, 65_535, ErrorMessage = "TrustAgain__Mail__SmtpPort must be a port number from {1} to {2}.")]
    public int SmtpPort { get; set; } = 587;

    // StartTls (the default: the connection must be upgraded to TLS), ImplicitTls (TLS from the first byte, usually
    // port 465), or None, which is only allowed for a mail server on this machine (a local relay, or the tests').
    public SmtpSecurity SmtpSecurity { get; set; } = SmtpSecurity.StartTls;

    // How long the server may take to answer any one step before the message counts as failed and is retried.
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "TrustAgain__Mail__SmtpTimeout must be from 1 second to 10 minutes (e.g. 00:00:30).")]
    public TimeSpan SmtpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public string SmtpUser { get; set; } = "";

    public string SmtpPassword { get; set; } = "";

    // Where links in account mail lead, e.g. https://trustagain.example. Empty means the address the request came
    // to — but a client chooses the Host header, so outside Development account mail is refused unless this or
    // AllowedHosts is set.
    public string SiteUrl { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SmtpSecurity == SmtpSecurity.None && SmtpHost.Length > 0 && !IsThisMachine(SmtpHost))
        {
            yield return new ValidationResult(
                "TrustAgain__Mail__SmtpSecurity is None, which would send mail unencrypted across the network: it is only allowed with a mail server on this machine (localhost).",
                [nameof(SmtpSecurity)]);
        }
        if (!MailboxAddress.TryParse(From, out var from) || !from.Address.Contains('@', StringComparison.Ordinal))
        {
            yield return new ValidationResult("TrustAgain__Mail__From must be an address such as \"TrustAgain <no-reply@example.org>\".", [nameof(From)]);
        }
    }

    private static bool IsThisMachine(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || System.Net.IPAddress.TryParse(host, out var address) && System.Net.IPAddress.IsLoopback(address);
}

// Outside Development, a link built from the request's Host header could send a sign-up or reset token to another
// site, so account mail is refused until the operator says which address is ours.
public sealed class AccountMailRefusedException() : InvalidOperationException(Reason)
{
    public const string Reason = "This server cannot send account mail yet: its operator must set TrustAgain__Mail__SiteUrl " +
        "(the site's public address, e.g. https://trustagain.example) or AllowedHosts, so that links in mail lead only to this site.";
}

// Sends account mail through MailTransport (an SMTP server, or the pickup folder when there is none).
public sealed class Mailer(
    MailTransport transport, IOptions<MailOptions> options, IHostEnvironment environment, IConfiguration configuration,
    ILogger<Mailer> logger)
{
    public bool WritesToFolder => transport.WritesToFolder;

    public string PickupFolder => transport.PickupFolder;

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
        using var message = new MimeMessage();
        message.From.Add(transport.From);
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = mail.Subject;
        message.Body = MailTransport.PlainText(mail.Body);
        var file = await transport.SendAsync(message);
        // The address is personal data; the file's name is a random id, so the log says where to look, not who.
        if (file is not null)
        {
            logger.LogInformation("Account mail {Subject} written to {MailFile}", mail.Subject, file);
            return;
        }
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
