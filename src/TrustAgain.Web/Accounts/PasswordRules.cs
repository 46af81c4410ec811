namespace TrustAgain.Web.Accounts;

// One statement of the password length rule (NIST 800-63B: at least 8, long passphrases welcome), used by every form
// that sets a password. Identity enforces the minimum too; the common-password list is checked by its validator.
public static class PasswordRules
{
    public const int MinLength = 8;
    public const int MaxLength = 128;
    public const string LengthMessage = "Use between 8 and 128 characters.";
}
