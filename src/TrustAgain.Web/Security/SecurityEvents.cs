using Microsoft.AspNetCore.Identity;

namespace TrustAgain.Web.Security;

// Security-relevant moments, each written once as a structured event in the "TrustAgain.Security" category.
// Events carry ids and paths only: never an e-mail address, a password, or anything a person wrote.
public sealed partial class SecurityEvents(ILoggerFactory loggers)
{
    private readonly ILogger _log = loggers.CreateLogger("TrustAgain.Security");

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Security event SignedIn for user {UserId}")]
    public partial void SignedIn(string userId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Security event SignInFailed")]
    public partial void SignInFailed();

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Security event LockedOut")]
    public partial void LockedOut();

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Security event SignInWhileLockedOut")]
    public partial void SignInWhileLockedOut();

    // A refused sign-in is one event: the attempt that locks an account, an attempt while it is locked, or a
    // plain failure. `wasLockedOut` says whether the account was locked before this attempt.
    public void SignInRefused(SignInResult result, bool wasLockedOut)
    {
        if (result.IsLockedOut && !wasLockedOut)
        {
            LockedOut();
        }
        else if (result.IsLockedOut)
        {
            SignInWhileLockedOut();
        }
        else
        {
            SignInFailed();
        }
    }

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning, Message = "Security event SessionHandOverRefused: a session of another person was ended instead of being given to user {UserId}")]
    public partial void SessionHandOverRefused(string userId);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Warning, Message = "Security event TwoFactorCodeReused by user {UserId}")]
    public partial void TwoFactorCodeReused(string userId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Security event RateLimited on {RequestPath}")]
    public partial void RateLimited(string? requestPath);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Security event ForeignIdAccess: user {UserId} asked for another person's {Kind}")]
    public partial void ForeignIdAccess(string userId, string kind);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Security event AntiforgeryFailed on {RequestPath}")]
    public partial void AntiforgeryFailed(string? requestPath);
}
