namespace TrustAgain.Web.Data;

// Storage failures, written once each in the "TrustAgain.Storage" category. They carry the SQLite result code and
// the path only: the exception is left out because what a person wrote must never reach a log.
public sealed partial class StorageEvents(ILoggerFactory loggers)
{
    private readonly ILogger _log = loggers.CreateLogger("TrustAgain.Storage");

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error,
        Message = "Storage event SaveFailed with SQLite error {SqliteError} on {RequestPath}; the person was asked to try again")]
    public partial void SaveFailed(int sqliteError, string? requestPath);
}
