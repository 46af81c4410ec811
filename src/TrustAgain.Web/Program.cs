using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Serilog;
using TrustAgain.Web;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Backups;
using TrustAgain.Web.Content;
using TrustAgain.Web.Data;
using TrustAgain.Web.Encryption;
using TrustAgain.Web.Insights;
using TrustAgain.Web.Journal;
using TrustAgain.Web.Journal.Archive;
using TrustAgain.Web.Security;
using TrustAgain.Web.TimeZones;
using TrustAgain.Web.Pages.Journal;
using TrustAgain.Web.Seeding;

// A published app started from another folder still finds appsettings.json and wwwroot beside its binaries.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = File.Exists("appsettings.json") ? null : AppContext.BaseDirectory,
});

// Configure where the guide and the data folder are (TrustAgain__ContentDirectory, TrustAgain__DataDirectory).
var options = builder.Configuration.GetSection(TrustAgainOptions.SectionName).Get<TrustAgainOptions>() ?? new();
var paths = AppPaths.Resolve(options);
builder.Services.Configure<TrustAgainOptions>(builder.Configuration.GetSection(TrustAgainOptions.SectionName));
builder.Services.AddSingleton(paths);

// Configure the guide: read and validated once; a broken content file stops start-up with file, line and reason.
// `check-content` runs the same check for authors and exits.
if (!GuideLoader.TryLoad(paths.ContentDirectory, Console.Error, out var guide))
{
    return 1;
}
if (args is ["check-content", ..])
{
    Console.WriteLine($"content/ is valid: {guide.Sections.Count} sections, {guide.AllSteps.Count()} steps, {guide.Journeys.Count} journeys.");
    return 0;
}
builder.Services.AddSingleton(guide);
builder.Services.AddSingleton<GuideSearch>();

// Configure the data folder: created on first start; a folder that cannot be created or written stops start-up
// with a clear message instead of failing later on the first save. `backup` only reads it and `restore` creates
// it itself, leaving nothing behind when it refuses.
var isBackupCommand = args is ["backup", ..] or ["restore", ..];
if (!isBackupCommand && !DataFolder.TryPrepare(paths.DataDirectory, Console.Error))
{
    return 1;
}

// Configure logging: Serilog, one structured line per request, levels from the "Serilog" section.
// Events also reach any other registered logger provider (the tests add one to check nothing private is logged).
builder.Logging.ClearProviders();
builder.Services.AddSerilog((services, log) => log
    .ReadFrom.Configuration(builder.Configuration)
    .Enrich.FromLogContext()
    .WriteTo.Console(), preserveStaticLogger: true, writeToProviders: true);

// Configure the clock, storage, encryption, accounts, the journal (the one owner of every kind of personal row),
// insights, counsellor summaries, and rate limits on the forms attackers would hammer.
builder.Services.AddSingleton(TimeProvider.System);
builder.AddDatabase(paths);
builder.AddEncryption(paths, options);
builder.AddAccounts(paths);
builder.AddJournal();
builder.AddInsights();
builder.Services.AddPersonClock();
builder.Services.AddScoped<CounsellorSummaries>();
builder.AddRateLimits();
builder.Services.AddStrictTransportSecurity();
builder.Services.AddPublicResponseCompression();

// Configure scheduled backups (TrustAgain__Backup__Folder, __Interval, __Keep) and the readiness check behind /readyz.
builder.AddScheduledBackups();
builder.Services.AddHealthChecks().AddCheck<ReadinessCheck>("database-migrated-and-journal-key-opens");

// Configure pages: lower-case URLs, and everything personal behind sign-in.
builder.Services.AddRouting(routing => routing.LowercaseUrls = true);
builder.Services.AddRazorPages(pages =>
{
    pages.Conventions.AuthorizeFolder("/Journeys");
    pages.Conventions.AuthorizeFolder("/Journal");
    pages.Conventions.AuthorizeFolder("/Commitments");
    pages.Conventions.AuthorizeFolder("/Insights");
    pages.Conventions.AuthorizeFolder("/Account/Manage");
}).AddMvcOptions(mvc =>
{
    mvc.Filters.Add<AntiforgeryFailureLogger>();
    // A save that fails on storage (disk full, read-only, I/O error) shows its page again with the text kept.
    mvc.Filters.Add<StorageFailureFilter>();
    mvc.Filters.Add<PersonClockFilter>();
});

// Configure output caching for public pages: rendered once, then served from memory to visitors. The policy never
// serves or stores a page for a request that carries a session cookie (see PublicPagePolicy).
builder.Services.AddOutputCache(cache => cache.AddPolicy(PublicPagePolicy.Name, policy => policy.AddPolicy<PublicPagePolicy>(), excludeDefaultPolicy: true));

var app = builder.Build();

// `backup <folder>` copies the database and the key while a server runs, so it runs before start-up migrates or
// takes the data folder lock. `restore` fills an empty data folder, taking the lock itself.
if (isBackupCommand && app.Services.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.PostgreSql)
{
    await Console.Error.WriteLineAsync("backup and restore copy the SQLite database. With PostgreSQL, back up with pg_dump " +
        "and restore with pg_restore, and keep the journal key apart from both (see the README's Backups section).");
    return 1;
}
if (args is ["backup", ..])
{
    return await BackupCommand.RunAsync(app, args);
}
if (args is ["restore", ..])
{
    return await RestoreCommand.RunAsync(app, args);
}

// Prepare the database (migrations, then the journal key check) while the request pipeline is configured below:
// neither needs the other, and doing both at once starts the app sooner. Start-up refuses ("encryption key
// unavailable") when the configured key cannot open the journals already stored.
var databaseReady = Task.Run(async () => await app.PrepareDatabaseAsync() && await app.EnsureJournalKeyAsync());

// `seed` fills the database with demo people and reflections, then exits.
if (args is ["seed", ..])
{
    return await databaseReady ? await SeedCommand.RunAsync(app, args) : 1;
}

// Configure the request pipeline. One log line per request (path and status, never the query string);
// errors and unknown pages get friendly pages, never a stack trace.
app.UseSerilogRequestLogging(log =>
{
    log.MessageTemplate = "{RequestMethod} {RequestPath} {StatusCode} {Elapsed:0} ms";
    log.GetLevel = RequestLogLevels.For;
    // This app's own logger rather than Serilog's static one, so several apps in one process keep apart.
    log.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
});
app.UseExceptionHandler("/error");
// The original query is replaced, so a failed POST to "?handler=X" cannot pick a handler on the error page.
app.UseStatusCodePagesWithReExecute("/error/{0}", "?status={0}");
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}
// Brotli or gzip for public pages only, never for a signed-in person's (see PublicResponseCompression).
app.UseResponseCompression();
app.UseSecurityHeaders();
app.UsePlainHttpRefusal();
// Before authentication, so a visitor's cached page costs no session lookup; PublicPagePolicy keeps that safe.
app.UseOutputCache();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
// Health for load balancers: /healthz only says the process answers (no checks, cheap); /readyz runs every check —
// the database answers, migrations are applied, the journal key opens a journal — and answers 503 otherwise.
app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/readyz");
app.MapJournalExport();

if (!await databaseReady)
{
    return 1;
}
await app.RunAsync();
return 0;

// Lets WebApplicationFactory<Program> find the app in tests.
public partial class Program;
