using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TrustAgain.Web.Data;

// synchronous is a per-connection setting in SQLite, so it is set on every connection the app opens:
// with WAL and FULL, a reflection the person saw "saved" is on disk and survives a crash or power loss.
// secure_delete is per connection too: deleted rows are overwritten with zeros rather than left in free space,
// so a deleted account's wrapped key and ciphertext cannot be read back from the file (see ForgetDeletedRowsAsync).
// Settings stay with the underlying SQLite connection, which the pool hands out again and again, so they are sent
// once per underlying connection rather than on every open (that was a round trip on every query).
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;";

    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = [];
    private static readonly object Done = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsNew(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
            Remember(connection);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        if (IsNew(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            Remember(connection);
        }
    }

    private static bool IsNew(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || !Configured.TryGetValue(handle, out _);

    private static void Remember(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            Configured.AddOrUpdate(handle, Done);
        }
    }
}
