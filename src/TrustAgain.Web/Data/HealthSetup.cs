using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace TrustAgain.Web.Data;

public static class HealthSetup
{
    public static void AddHealth(this WebApplicationBuilder builder) =>
        builder.Services.AddHealthChecks().AddCheck<ReadinessCheck>("database-migrated-and-journal-key-opens");

    // Health for load balancers: /healthz only says the process answers (no checks, cheap); /readyz runs every check —
    // the database answers, migrations are applied, the journal key opens a journal — and answers 503 otherwise.
    public static void MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz");
    }
}
