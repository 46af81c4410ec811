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

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Security event RateLimited on {RequestPath}")]
    public partial void RateLimited(string? requestPath);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Security event ForeignIdAccess: user {UserId} asked for another person's {Kind}")]
    public partial void ForeignIdAccess(string userId, string kind);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Security event AntiforgeryFailed on {RequestPath}")]
    public partial void AntiforgeryFailed(string? requestPath);
}
