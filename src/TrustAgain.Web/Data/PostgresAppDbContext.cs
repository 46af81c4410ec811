using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace TrustAgain.Web.Data;

// AppDbContext on PostgreSQL. It exists only so PostgreSQL has its own migrations (Data/Migrations/PostgreSql):
// everything else asks for AppDbContext.
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);

// Lets `dotnet ef migrations add X --context PostgresAppDbContext` build the context without starting the app;
// adding a migration never connects, so the connection string is only a placeholder.
public sealed class PostgresAppDbContextFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=trustagain")
            .UseApplicationServiceProvider(AppDbContext.DesignTimeServices).Options);
}
