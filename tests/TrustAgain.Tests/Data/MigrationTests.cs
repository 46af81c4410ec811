using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustAgain.Web.Data;

namespace TrustAgain.Tests.Data;

// Start-up applies migrations only when the history is behind, without comparing models, so a change to the model
// that has no migration must be caught here.
public sealed class MigrationTests
{
    [Fact]
    public async Task EveryChangeToTheModelHasAMigrationForBothDatabases()
    {
        await using var app = new TestApp();
        await using var scope = app.Services.CreateAsyncScope();

        Assert.False(scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.HasPendingModelChanges());
        await using var sqlite = new SqliteAppDbContextFactory().CreateDbContext([]);
        Assert.False(sqlite.Database.HasPendingModelChanges(), "SQLite: add a migration (src/TrustAgain.Web/Data/README.md)");
        await using var postgres = new PostgresAppDbContextFactory().CreateDbContext([]);
        Assert.False(postgres.Database.HasPendingModelChanges(), "PostgreSQL: add a migration (src/TrustAgain.Web/Data/README.md)");
    }

    [Fact]
    public async Task AFreshDatabaseHasEveryMigrationApplied()
    {
        await using var app = new TestApp();
        await app.NewClient().GetAsync("/healthz");
        await using var scope = app.Services.CreateAsyncScope();

        Assert.Empty(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GetPendingMigrationsAsync());
    }
}
