using Microsoft.Data.Sqlite;

namespace TrustAgain.Durability.Support;

// The database file read directly, while the app is not running.
public static class Database
{
    // "ok", or SQLite's first complaint.
    public static async Task<string> IntegrityCheckAsync(string dataDirectory)
    {
        var file = Path.Combine(dataDirectory, "trustagain.db");
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
