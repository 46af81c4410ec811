using Microsoft.Data.Sqlite;

namespace TrustAgain.Web.Data;

// Recognises the failures that come from the storage rather than from the request: a full disk, a read-only or
// unopenable database, an I/O error, or a database still busy after the busy timeout. They pass when the fault
// is fixed, so the person is asked to try again with their text kept; anything else is a bug and stays a 500.
public static class StorageFailure
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Full = 13;
    private const int CantOpen = 14;

    // The SQLite result code of the storage failure behind `exception` (EF Core wraps it in a DbUpdateException).
    public static int? CodeOf(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SqliteException { SqliteErrorCode: Busy or Locked or ReadOnly or IoError or Full or CantOpen } sqlite)
            {
                return sqlite.SqliteErrorCode;
            }
        }
        return null;
    }
}
