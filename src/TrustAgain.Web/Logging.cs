using Serilog;

namespace TrustAgain.Web;

public static class Logging
{
    // Serilog, levels from the "Serilog" section. Events also reach any other registered logger provider (the tests
    // add one to check nothing private is logged).
    public static void AddLogs(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog((services, log) => log
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(), preserveStaticLogger: true, writeToProviders: true);
    }

    // One structured line per request: method, path (never the query string), status and time, at the level
    // RequestLogLevels gives it.
    public static void UseRequestLog(this WebApplication app) =>
        app.UseSerilogRequestLogging(log =>
        {
            log.MessageTemplate = "{RequestMethod} {RequestPath} {StatusCode} {Elapsed:0} ms";
            log.GetLevel = RequestLogLevels.For;
            // This app's own logger rather than Serilog's static one, so several apps in one process keep apart.
            log.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
        });
}
