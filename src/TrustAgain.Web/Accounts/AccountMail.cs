namespace TrustAgain.Web.Accounts;

// One account message: what its subject line and plain-text body say.
public sealed record AccountMessage(string Subject, string Body);

// Every text TrustAgain mails about an account, one method per message, so they are written, reviewed and
// translated in one place. Links are passed in whole; no message ever carries what a person wrote.
public static class AccountMail
{
    public static AccountMessage FinishSignUp(string finishLink) => new(
        "Finish creating your TrustAgain account",
        $"To choose a password and finish creating your private TrustAgain account, open this link:\n{finishLink}\n\n" +
        "The link works for 24 hours. If it wasn't you, ignore this message: no account is created unless the link is used.");

    public static AccountMessage AlreadyHasAnAccount(string signInLink, string forgotPasswordLink) => new(
        "You already have a TrustAgain account",
        "Someone, probably you, tried to create a TrustAgain account with this address. It already has one.\n\n" +
        $"To sign in, open this link:\n{signInLink}\n\n" +
        $"If you have forgotten your password, choose a new one here:\n{forgotPasswordLink}\n\n" +
        "If it wasn't you, ignore this message: nothing has changed.");

    public static AccountMessage ResetPassword(string resetLink) => new(
        "Choose a new TrustAgain password",
        $"Someone asked to reset the password of your TrustAgain account.\n\nTo choose a new password, open this link:\n{resetLink}\n\n" +
        "The link works for one hour. If it wasn't you, ignore this message: your password stays as it is.");

    public static AccountMessage NoAccountToReset(string registerLink) => new(
        "About your TrustAgain password",
        "Someone, probably you, asked to reset the password of a TrustAgain account for this address, but no account uses it.\n\n" +
        $"To create one, open this link:\n{registerLink}\n\n" +
        "If it wasn't you, ignore this message: nothing has been created or changed.");

    public static AccountMessage ConfirmNewAddress(string confirmLink) => new(
        "Confirm your new TrustAgain e-mail address",
        "Someone, probably you, asked to use this address for their TrustAgain account.\n\n" +
        $"To confirm it, open this link:\n{confirmLink}\n\n" +
        "The link works for one hour. Until it is used, the account keeps its old address. " +
        "If it wasn't you, ignore this message: nothing changes.");

    public static AccountMessage AddressAlreadyInUse(string signInLink) => new(
        "Your address already has a TrustAgain account",
        "Someone asked to move another TrustAgain account to this address. This address already has its own account, " +
        "so nothing has changed.\n\n" +
        $"To sign in to your account, open this link:\n{signInLink}\n\n" +
        "If it wasn't you, there is nothing more to do.");

    public static AccountMessage AddressChanged() => new(
        "Your TrustAgain e-mail address was changed",
        "The e-mail address of your TrustAgain account was just changed, and this address no longer signs in to it.\n\n" +
        "If that was you, there is nothing more to do. If it wasn't, someone knows your password: " +
        "reply to this message or contact us so we can help you get the account back.");
}
