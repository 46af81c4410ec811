using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TrustAgain.Web.Encryption;

namespace TrustAgain.Web.Data;

// /readyz: this instance can serve people — the database answers with every migration applied, and the
// key-encryption key opens a journal (or nobody has one yet). A load balancer sends no one to an instance that
// would show every entry as damaged.
public sealed class ReadinessCheck(AppDbContext db, KeyEncryptionKey key) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            return HealthCheckResult.Unhealthy("The database has migrations still to apply.");
        }
        return await JournalKeyCheck.CheckAsync(db, key, cancellationToken) switch
        {
            JournalKeyState.NobodyYet or JournalKeyState.Opens => HealthCheckResult.Healthy(),
            _ => HealthCheckResult.Unhealthy($"The journal {JournalKeyCheck.Unavailable}."),
        };
    }
}
