namespace TrustAgain.Tests.Support;

// A test about SQLite's own files and settings (raw file bytes, pragmas, query plans, the data folder lock):
// skipped, with the reason, when the suite runs against PostgreSQL.
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute(string reason)
    {
        if (TestApp.PostgresServer is not null)
        {
            Skip = $"SQLite only: {reason}";
        }
    }
}

// A test of what PostgreSQL stores or does; it runs when the suite runs against PostgreSQL (TRUSTAGAIN_TEST_POSTGRES).
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestApp.PostgresServer is null)
        {
            Skip = "PostgreSQL only: set TRUSTAGAIN_TEST_POSTGRES to a PostgreSQL connection string to run it.";
        }
    }
}
