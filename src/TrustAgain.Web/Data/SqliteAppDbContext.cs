using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace TrustAgain.Web.Data;

// AppDbContext on SQLite. It exists only so SQLite has its own migrations (Data/Migrations/Sqlite): everything
// else asks for AppDbContext.
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options);

// Lets `dotnet ef migrations add X --context SqliteAppDbContext` build the context without starting the app.
public sealed class SqliteAppDbContextFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=design-time.db")
            .UseApplicationServiceProvider(AppDbContext.DesignTimeServices).Options);
}
