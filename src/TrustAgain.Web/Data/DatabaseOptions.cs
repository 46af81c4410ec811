using System.ComponentModel.DataAnnotations;

namespace TrustAgain.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

public sealed class DatabaseOptions
{
    public const string SectionName = "TrustAgain:Database";

    // SQLite needs nothing set up and suits one server; PostgreSQL lets several identical instances share the data.
    // The connection string is ConnectionStrings:Default either way (a file in the data folder by default for SQLite).
    [EnumDataType(typeof(DatabaseProvider), ErrorMessage = "TrustAgain__Database__Provider must be Sqlite or PostgreSql.")]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}
