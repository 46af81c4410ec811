using TrustAgain.Web;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Backups;
using TrustAgain.Web.Content;
using TrustAgain.Web.Data;
using TrustAgain.Web.Encryption;
using TrustAgain.Web.Insights;
using TrustAgain.Web.Journal;
using TrustAgain.Web.Journal.Archive;
using TrustAgain.Web.Offline;
using TrustAgain.Web.Pages;
using TrustAgain.Web.Reminders;
using TrustAgain.Web.Security;
using TrustAgain.Web.TimeZones;

// A published app started from another folder still finds appsettings.json and wwwroot beside its binaries.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = File.Exists("appsettings.json") ? null : AppContext.BaseDirectory,
});

// Configure settings and where the guide and the data folder are (TrustAgain__ContentDirectory,
// TrustAgain__DataDirectory). Every Options class is bound one way and checked at start-up (Settings.cs).
builder.AddAppPaths();

// Configure logging: Serilog, one structured line per request, levels from the "Serilog" section.
builder.AddLogs();

// Configure the guide: read from content/ once and kept in memory.
builder.AddGuide();

// Configure the clock, storage, encryption, accounts, the journal (the one owner of every kind of personal row),
// reminders and insights.
builder.Services.AddSingleton(TimeProvider.System);
builder.AddDatabase();
builder.AddEncryption();
builder.AddAccounts();
builder.AddJournal();
builder.AddReminders();
builder.AddInsights();

// Configure rate limits on the forms attackers would hammer, and HSTS for browsers outside development.
builder.AddRateLimits();
builder.AddStrictTransportSecurity();

// Configure each person's own clock (their time zone) and Brotli/gzip for public pages only.
builder.Services.AddPersonClock();
builder.Services.AddPublicResponseCompression();

// Configure scheduled backups (TrustAgain__Backup__Folder, __Interval, __Keep) and the readiness check behind /readyz.
builder.AddScheduledBackups();
builder.AddHealth();

// Configure pages: lower-case URLs, everything personal behind sign-in, shared filters, cached public pages.
builder.AddPages();

// Configure installing and reading offline: the manifest's name (TrustAgain__Install__Name) and the public pages a
// service worker keeps on the device.
builder.AddOffline();

var app = builder.Build();

// Check every setting and read the guide first: a bad setting, or a broken content file, stops start-up with its
// name (or file and line) and the reason. A command-line verb then runs instead of the server (see AppCommands).
if (!app.SettingsAreValid(Console.Error) || !app.GuideIsValid(Console.Error))
{
    return 1;
}
if (AppCommands.IsCommand(args))
{
    return await AppCommands.RunAsync(app, args);
}

// Prepare the data folder: created on first start; one that cannot be created or written stops start-up with a
// clear message instead of failing later on the first save.
if (!app.PrepareDataFolder(Console.Error))
{
    return 1;
}

// Prepare the database (migrations, then the journal key check) while the request pipeline is configured below:
// neither needs the other, and doing both at once starts the app sooner. Start-up refuses ("encryption key
// unavailable") when the configured key cannot open the journals already stored.
var databaseReady = Task.Run(async () => await app.PrepareDatabaseAsync() && await app.EnsureJournalKeyAsync());

// Configure the request pipeline. One log line per request; errors and unknown pages get friendly pages, never a
// stack trace.
app.UseRequestLog();
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

app.MapPages();
app.MapHealth();
app.MapJournalExport();
app.MapOffline();

if (!await databaseReady)
{
    return 1;
}
await app.RunAsync();
return 0;

// Lets WebApplicationFactory<Program> find the app in tests.
public partial class Program;
