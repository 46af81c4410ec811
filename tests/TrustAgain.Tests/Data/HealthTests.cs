using System.Data.Common;
using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TrustAgain.Web.Data;
using TrustAgain.Web.Encryption;

namespace TrustAgain.Tests.Data;

// /healthz says the process answers and nothing more, for a liveness probe; /readyz says this instance can serve
// people, for a load balancer.
public sealed class HealthTests
{
    [Fact]
    public async Task HealthzAnswersWithoutTheDatabaseWhileReadyzReportsIt()
    {
        var database = new DatabaseThatStopsAnswering();
        await using var app = new TestApp(services: services => services.AddSingleton<IInterceptor>(database));
        var client = app.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);

        database.Stop();

        var live = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task ReadyzAnswers503WhenTheKeyCannotOpenAJournalAndHealthzStaysUp()
    {
        await using var app = new TestApp();
        var client = await app.RegisteredClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);

        using (var scope = app.Services.CreateScope())
        {
            // What a database put back under a running instance from another install looks like: data keys
            // wrapped by a key-encryption key this instance does not have.
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var otherInstall = new JournalCipher(KeyEncryptionKey.Load(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), ""));
            foreach (var person in await db.Users.ToListAsync())
            {
                person.WrappedDataKey = otherInstall.NewWrappedDataKey(person.Id);
            }
            await db.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task ReadyzIsOkOnAFreshInstallWithNobodyYet()
    {
        await using var app = new TestApp();

        Assert.Equal(HttpStatusCode.OK, (await app.NewClient().GetAsync("/readyz")).StatusCode);
    }

    // Every command fails once stopped, reads included, as when the database server has gone away.
    private sealed class DatabaseThatStopsAnswering : DbCommandInterceptor
    {
        private volatile bool _stopped;

        public void Stop() => _stopped = true;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            _stopped ? throw new TimeoutException("The database does not answer.") : base.ReaderExecutingAsync(command, eventData, result, cancellationToken);

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
            _stopped ? throw new TimeoutException("The database does not answer.") : base.ScalarExecutingAsync(command, eventData, result, cancellationToken);

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            _stopped ? throw new TimeoutException("The database does not answer.") : base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }
}
