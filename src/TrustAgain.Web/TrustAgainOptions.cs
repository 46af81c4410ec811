using System.ComponentModel.DataAnnotations;
using TrustAgain.Web.Encryption;

namespace TrustAgain.Web;

// Settings bound from the "TrustAgain" configuration section (TrustAgain__DataDirectory and so on).
// Empty paths mean "find the default", so a fresh clone runs with no configuration at all.
public sealed class TrustAgainOptions : IValidatableObject
{
    public const string SectionName = "TrustAgain";

    public string DataDirectory { get; set; } = "";

    public string ContentDirectory { get; set; } = "";

    // The key-encryption key for journals as base64; when empty, the key file is used (and created on first start).
    public string JournalKey { get; set; } = "";

    // Where the key file lives; empty means keys/journal.key inside the data folder.
    public string JournalKeyFile { get; set; } = "";

    // __Host- prefixed, Secure cookies; unset means on everywhere but Development. Off only for plain-HTTP set-ups.
    public bool? SecureCookies { get; set; }

    public bool SecureCookiesIn(IHostEnvironment environment) => SecureCookies ?? !environment.IsDevelopment();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(JournalKey) && !KeyEncryptionKey.IsReadable(JournalKey))
        {
            yield return new ValidationResult(
                $"TrustAgain__JournalKey is unreadable: it must be {KeyEncryptionKey.SizeInBytes} bytes in base64 (head -c 32 /dev/urandom | base64).",
                [nameof(JournalKey)]);
        }
    }

    // However active, a session ends this long after its sign-in and the person signs in again (ASVS 5.0 level 2
    // asks for an absolute limit; between visits a session also ends after 14 days unused).
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(30);
}
