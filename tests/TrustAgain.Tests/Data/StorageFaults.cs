using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TrustAgain.Tests.Data;

// Makes every write fail the way SQLite fails when the disk is full, the file is read-only or the disk errors,
// for as long as a fault is switched on. Reads go through, as they do on a full disk.
public sealed class StorageFaults : DbCommandInterceptor
{
    public const int DiskFull = 13;
    public const int ReadOnly = 8;
    public const int IoError = 10;
    public const int Busy = 5;

    private volatile int _fault;

    public void Inject(int sqliteError) => _fault = sqliteError;

    public void Clear() => _fault = 0;

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        FailIfWrite(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        FailIfWrite(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        FailIfWrite(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void FailIfWrite(DbCommand command)
    {
        var fault = _fault;
        var sql = command.CommandText.TrimStart();
        if (fault != 0 && !sql.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && !sql.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase))
        {
            throw new SqliteException($"SQLite Error {fault}: injected storage fault.", fault);
        }
    }
}
