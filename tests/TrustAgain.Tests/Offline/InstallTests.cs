using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TrustAgain.Tests.Offline;

// The app can be added to a home screen under a discreet name, and its service worker is served so that browsers
// pick up a new version at once and let it cover the whole site. What it keeps, and what it never keeps, is
// specified in the browser tests (OfflineTests), where a real service worker runs.
public sealed partial class InstallTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TheManifestIsServedAsAManifestUnderTheDiscreetNameWithIconsThatExist()
    {
        var client = _app.NewClient();
        var response = await client.GetAsync("/manifest.webmanifest");

        Assert.Equal("application/manifest+json", response.Content.Headers.ContentType!.MediaType);
        using var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = manifest.RootElement;
        Assert.Equal("Notes", root.GetProperty("name").GetString());
        Assert.Equal("Notes", root.GetProperty("short_name").GetString());
        Assert.Equal("standalone", root.GetProperty("display").GetString());
        Assert.Equal("/", root.GetProperty("start_url").GetString());
        Assert.Equal("/", root.GetProperty("scope").GetString());
        var icons = root.GetProperty("icons").EnumerateArray().ToList();
        foreach (var purpose in new[] { "any", "maskable" })
        {
            Assert.Equal(["192x192", "512x512"], icons.Where(i => i.GetProperty("purpose").GetString() == purpose).Select(i => i.GetProperty("sizes").GetString()));
        }
        foreach (var icon in icons)
        {
            var image = await client.GetAsync(icon.GetProperty("src").GetString());
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
            Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
        }
    }

    [Fact]
    public async Task EveryPageLinksTheManifestAndNamesTheInstalledAppDiscreetly()
    {
        var page = await _app.NewClient().GetPageAsync("/guide");

        Assert.Equal("/manifest.webmanifest", page.QuerySelector("link[rel=manifest]")!.GetAttribute("href"));
        Assert.Equal("Notes", page.QuerySelector("meta[name=apple-mobile-web-app-title]")!.GetAttribute("content"));
        Assert.Equal(["(prefers-color-scheme: light)", "(prefers-color-scheme: dark)"],
            page.QuerySelectorAll("meta[name=theme-color]").Select(m => m.GetAttribute("media")));
    }

    [Fact]
    public async Task TheSiteChoosesTheInstalledName()
    {
        await using var app = new TestApp(settings: new Dictionary<string, string>
        {
            ["TrustAgain:Install:Name"] = "Reading list",
            ["TrustAgain:Install:ShortName"] = "Reading",
        });
        var client = app.NewClient();

        using var manifest = JsonDocument.Parse(await client.GetStringAsync("/manifest.webmanifest"));

        Assert.Equal("Reading list", manifest.RootElement.GetProperty("name").GetString());
        Assert.Equal("Reading", manifest.RootElement.GetProperty("short_name").GetString());
        var page = await client.GetPageAsync("/");
        Assert.Equal("Reading list", page.QuerySelector("meta[name=apple-mobile-web-app-title]")!.GetAttribute("content"));
    }

    [Fact]
    public async Task TheServiceWorkerIsServedFromTheRootAsScriptThatBrowsersCheckOnEveryVisit()
    {
        var response = await _app.NewClient().GetAsync("/service-worker.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl!.ToString());
        // At the root, the worker's scope is the whole site without any Service-Worker-Allowed header.
        Assert.Equal("/service-worker.js", response.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task TheServiceWorkerKeepsEveryGuidePageAndTheAssetsPagesLinkButNothingPersonal()
    {
        var client = _app.NewClient();
        var precache = Precache(await client.GetStringAsync("/service-worker.js"));

        var guide = await client.GetPageAsync("/guide");
        var sections = guide.QuerySelectorAll("main ol.card-list h2 a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(10, sections.Count);
        Assert.All(sections, section => Assert.Contains(section, precache));
        Assert.Contains("/safety", precache);
        Assert.Contains("/offline", precache);
        Assert.Contains(guide.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href"), precache);
        Assert.Contains(guide.QuerySelector("script[src]")!.GetAttribute("src"), precache);
        foreach (var url in precache)
        {
            var kept = await client.GetAsync(url);
            Assert.True(kept.StatusCode == HttpStatusCode.OK, $"{url} answered {kept.StatusCode}");
        }
        string[] personal = ["/journal", "/journeys", "/insights", "/commitments", "/account", "/check-in", "/together", "/search"];
        Assert.DoesNotContain(precache, url => personal.Any(prefix => url.StartsWith(prefix, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TheServiceWorkersVersionChangesWhenTheGuideChanges()
    {
        var content = TestApp.CopyOfContent();
        await using var before = new TestApp(contentDirectory: content);
        var first = Version(await before.NewClient().GetStringAsync("/service-worker.js"));
        var safety = Path.Combine(content, "safety.md");
        File.AppendAllText(safety, "\nOne more line for the safety page.\n");

        await using var after = await before.RestartAsync(content);
        var second = Version(await after.NewClient().GetStringAsync("/service-worker.js"));

        Assert.NotEqual(first, second);
        Directory.Delete(content, recursive: true);
    }

    [Fact]
    public async Task TheOfflinePageIsPublicAndNamesNothingPersonal()
    {
        var response = await _app.NewClient(followRedirects: false).GetAsync("/offline");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Equal("No connection just now", page.QuerySelector("h1")!.TextContent);
        Assert.Null(page.QuerySelector("form[action='/account/sign-out']"));
    }

    private static List<string> Precache(string script) =>
        JsonSerializer.Deserialize<List<string>>(PrecacheLine().Match(script).Groups["list"].Value)!;

    private static string Version(string script) => VersionLine().Match(script).Groups["version"].Value;

    [GeneratedRegex("^const precache = (?<list>\\[.*\\]);$", RegexOptions.Multiline)]
    private static partial Regex PrecacheLine();

    [GeneratedRegex("^const version = \"(?<version>[0-9a-f]+)\";$", RegexOptions.Multiline)]
    private static partial Regex VersionLine();
}
