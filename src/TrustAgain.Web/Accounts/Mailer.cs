using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;

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
    // to — but a client chooses the Host header, so a deployment reachable from outside sets this.
    public string SiteUrl { get; set; } = "";
}

// Sends account mail (password reset). SmtpClient's pickup-directory mode means a fresh install works with
// no mail server: each message lands in data/mail/ as an .eml file that any mail program opens.
public sealed class Mailer(IOptions<MailOptions> options, AppPaths paths, ILogger<Mailer> logger)
{
    // A link for a message about this request. With SiteUrl set, a forged Host header cannot send a sign-up or
    // password-reset token to someone else's site.
    public string Link(HttpRequest request, string pathAndQuery) =>
        (options.Value.SiteUrl is { Length: > 0 } site ? site.TrimEnd('/') : $"{request.Scheme}://{request.Host}") + pathAndQuery;

    public async Task SendAsync(string to, string subject, string body)
    {
        var settings = options.Value;
        // Plain UTF-8 text with CRLF line ends: the saved .eml reads as written and its link stays clickable
        // (quoted-printable would encode every line break and split the link).
        using var message = new MailMessage(settings.From, to, subject, body.ReplaceLineEndings("\r\n"))
        {
            BodyEncoding = System.Text.Encoding.UTF8,
            BodyTransferEncoding = System.Net.Mime.TransferEncoding.EightBit,
        };
        using var client = new SmtpClient();
        if (string.IsNullOrEmpty(settings.SmtpHost))
        {
            Directory.CreateDirectory(paths.MailPickupDirectory);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = paths.MailPickupDirectory;
        }
        else
        {
            client.Host = settings.SmtpHost;
            client.Port = settings.SmtpPort;
            client.EnableSsl = true;
            if (settings.SmtpUser.Length > 0)
            {
                client.Credentials = new NetworkCredential(settings.SmtpUser, settings.SmtpPassword);
            }
        }
        await client.SendMailAsync(message);
        // The address is personal data, so the log says only that a message went out.
        logger.LogInformation("Account mail sent: {Subject}", subject);
    }
}
