using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace TrustAgain.BrowserTests.Support;

// The real app on Kestrel (a random loopback port, a temporary data folder) and Debian's Chromium driven by
// Playwright. Shared by the tests of a class; each test gets its own browser context, so its own cookies.
[SuppressMessage("Design", "CA1001", Justification = "xUnit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
public class BrowserApp : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("trustagain-browser-").FullName;
    private KestrelApp? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string BaseUrl { get; private set; } = "";

    // Where the app keeps its database and writes its mail (no SMTP host is configured).
    public string DataDirectory => _data;

    // The running app's services, for a test that needs data from the past (check-ins weeks apart).
    public IServiceProvider Services => _app!.Services;

    // Settings on top of the defaults, for a fixture that needs them.
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(30_000);
        var chromium = Chromium.Path
            ?? throw new InvalidOperationException("Chromium was not found: install it with 'apt-get install chromium' (CI requires the browser tests).");
        _app = new KestrelApp(_data, Settings);
        _app.UseKestrel(0);
        _app.StartServer();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            // Root in a container needs --no-sandbox; the rest keep Chromium off the (closed) network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800, ColorScheme scheme = ColorScheme.Light, bool javaScript = true,
        string? timeZone = null)
    {
        var context = await _browser!.NewContextAsync(new()
        {
            TimezoneId = timeZone,
            BaseURL = BaseUrl,
            ViewportSize = new() { Width = width, Height = height },
            ColorScheme = scheme,
            JavaScriptEnabled = javaScript,
            AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        // The machine running the suite may be busy with other builds: each action and each expectation may wait
        // this long for what it needs. Waiting longer changes no assertion, only how long a failure takes to show.
        page.SetDefaultTimeout(30_000);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    private sealed class KestrelApp(string dataDirectory, IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("TrustAgain:DataDirectory", dataDirectory);
            builder.UseSetting("TrustAgain:ContentDirectory", Path.Combine(Repository.Root, "content"));
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}

public static class Repository
{
    public static string Root { get; } = Find();

    public static string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(Root, "artifacts", "screenshots")).FullName;

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TrustAgain.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The browser tests must run from inside the repository.");
    }
}

public static class Chromium
{
    // CHROMIUM_PATH wins; otherwise Debian's package locations.
    public static string? Path { get; } =
        new[] { Environment.GetEnvironmentVariable("CHROMIUM_PATH"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));

    public static bool RequiredHere => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}

// A test that needs Chromium (and the HTML checker): skipped with a clear message on a machine without them, except
// in CI, where it runs (and fails) so a missing browser or checker can never turn the suite quietly green.
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.Path is null && !Chromium.RequiredHere)
        {
            Skip = "Chromium is not installed (apt-get install chromium): browser tests skipped on this machine.";
        }
        else if (HtmlChecker.Missing is { } missing && !Chromium.RequiredHere)
        {
            Skip = $"Browser tests check every page's HTML, and {missing}: skipped on this machine.";
        }
    }
}
