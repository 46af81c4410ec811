using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TrustAgain.Web.Content;

namespace TrustAgain.Tests.Pages.Guide;

public sealed class GuideReaderTests(GuideReaderTests.App app) : IClassFixture<GuideReaderTests.App>
{
    public sealed class App : IDisposable
    {
        public TestApp Server { get; } = new();

        public GuideLibrary Guide => Server.Services.GetRequiredService<GuideLibrary>();

        public void Dispose() => Server.Dispose();
    }

    private readonly HttpClient _client = app.Server.NewClient();

    [Fact]
    public async Task HomePageWelcomesAVisitorAndListsEverySection()
    {
        var page = await _client.GetPageAsync("/");

        Assert.Contains("Learning to trust again", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(app.Guide.Sections.Select(s => $"/guide/{s.Key}"),
            page.QuerySelectorAll("main li.card h3 a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task TableOfContentsListsTheSectionsInOrder()
    {
        var page = await _client.GetPageAsync("/guide");

        Assert.Equal(app.Guide.Sections.Select(s => s.Title), page.QuerySelectorAll("main h2 a").Select(a => a.TextContent));
    }

    [Fact]
    public async Task EverySectionRendersWithEachStepAnchorAndItsPrompts()
    {
        foreach (var section in app.Guide.Sections)
        {
            var page = await _client.GetPageAsync($"/guide/{section.Key}");

            Assert.Equal(section.Title, page.QuerySelector("h1")!.TextContent);
            Assert.Contains("min read", page.Text("article header"));
            Assert.Equal(section.Steps.Select(s => s.Key), page.QuerySelectorAll("section.step").Select(s => s.Id));
            Assert.Equal(section.Steps.Select(s => "#" + s.Key), page.QuerySelectorAll("nav.toc a").Select(a => a.GetAttribute("href")));
            foreach (var step in section.Steps)
            {
                var prompts = page.QuerySelectorAll($"#{step.Key} .prompts li").Select(li => li.TextContent);
                Assert.Equal(step.Prompts, prompts);
            }
        }
    }

    [Fact]
    public async Task NextLinksChainThroughEverySectionAndBack()
    {
        var visited = new List<string>();
        var url = $"/guide/{app.Guide.Sections[0].Key}";
        while (true)
        {
            var page = await _client.GetPageAsync(url);
            visited.Add(url);
            var next = page.QuerySelector("nav.pager a[rel=next]")?.GetAttribute("href");
            if (next is null)
            {
                break;
            }
            var previousOfNext = (await _client.GetPageAsync(next)).QuerySelector("nav.pager a[rel=prev]")?.GetAttribute("href");
            Assert.Equal(url, previousOfNext);
            url = next;
        }

        Assert.Equal(app.Guide.Sections.Select(s => $"/guide/{s.Key}"), visited);
    }

    [Fact]
    public async Task SectionsShowBreadcrumbs()
    {
        var page = await _client.GetPageAsync("/guide/setting-boundaries");

        Assert.Equal(["Home", "Guide", app.Guide.FindSection("setting-boundaries")!.Title],
            page.QuerySelectorAll("nav.breadcrumbs li").Select(li => li.TextContent.Trim()));
        Assert.Equal("page", page.QuerySelector("nav.breadcrumbs [aria-current]")!.GetAttribute("aria-current"));
    }

    [Theory]
    [InlineData("/guide/no-such-section")]
    [InlineData("/no/such/page")]
    [InlineData("/journeys/no-such-journey/no-such-step")]
    public async Task AnUnknownPageIsAFriendly404(string url)
    {
        var client = app.Server.NewClient(followRedirects: false);
        var anonymous = await client.GetAsync(url);
        if (anonymous.StatusCode == HttpStatusCode.Redirect)
        {
            // Personal areas ask a visitor to sign in first; the 404 for signed-in people is tested with journeys.
            return;
        }
        var page = await anonymous.ParseAsync();

        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        Assert.Equal("We couldn't find that page", page.QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain("Exception", page.Source.Text);
    }

    [Fact]
    public async Task SearchFindsAStepAndLinksToItsAnchor()
    {
        var page = await _client.GetPageAsync("/search?q=apology");

        var links = page.QuerySelectorAll("ol.results a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/guide/rebuilding-trust#apologise-sincerely", links);
        Assert.NotEmpty(page.QuerySelectorAll("ol.results mark"));
    }

    [Fact]
    public async Task SearchForNonsenseSaysSoKindly()
    {
        var page = await _client.GetPageAsync("/search?q=zxqvbnmqwrt");

        Assert.Equal("No results", page.QuerySelector("#results-heading")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("ol.results li"));
    }

    [Fact]
    public async Task SearchTermsAreEchoedEncodedAndNeverLogged()
    {
        const string canary = "canary<b>zebrafish";
        var response = await _client.GetAsync("/search?q=" + Uri.EscapeDataString(canary));
        var html = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("<b>zebrafish", html);
        Assert.DoesNotContain(app.Server.Logs.Lines, line => line.Contains("zebrafish", StringComparison.OrdinalIgnoreCase));
        Assert.True(app.Server.Logs.Lines.Any(line => line.Contains("/search", StringComparison.Ordinal)), string.Join("\n", app.Server.Logs.Lines.Take(15)));
    }

    [Fact]
    public async Task TheSafetyPageIsLinkedFromEveryPageFooter()
    {
        foreach (var url in new[] { "/", "/guide", "/guide/forgiveness-and-letting-go", "/search?q=trust", "/no-such-page" })
        {
            var response = await _client.GetAsync(url);
            var page = await response.ParseAsync();
            Assert.NotNull(page.QuerySelector("footer a[href='/safety']"));
        }
        var safety = await _client.GetPageAsync("/safety");
        Assert.Equal("Safety and support", safety.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task EveryHelpLineOnTheSafetyPageCanBeCalledOrTextedWithOneTap()
    {
        var safety = await _client.GetPageAsync("/safety");

        HelpLines.AssertEveryNumberIsALink(safety.QuerySelector("main")!);
        Assert.NotNull(safety.QuerySelector("main a[href='tel:+448082000247']"));
        Assert.NotNull(safety.QuerySelector("main a[href='sms:88788?body=START']"));
    }

    [Fact]
    public async Task TheSafetyPageSaysQuickExitIsAlwaysThereAndThatEscTwiceWorksToo()
    {
        var safety = await _client.GetPageAsync("/safety");

        Assert.Contains("Pressing Esc twice does the same.", safety.Text());
        Assert.Equal("Quick exit: leave this site now (pressing Esc twice also works)",
            safety.QuerySelector("header a[data-quick-exit]")!.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task EveryPublicPageDescribesItselfAndNamesTheSitesIcons()
    {
        var descriptions = new List<string>();
        foreach (var url in app.Guide.Sections.Select(s => $"/guide/{s.Key}").Append("/").Append("/guide").Append("/safety").Append("/search"))
        {
            var page = await _client.GetPageAsync(url);
            var description = page.QuerySelector("meta[name=description]")?.GetAttribute("content");
            Assert.False(string.IsNullOrWhiteSpace(description), $"{url} has no description");
            descriptions.Add(description!);
            Assert.Equal("/favicon.ico", page.QuerySelector("link[rel=icon][sizes='32x32']")!.GetAttribute("href"));
            Assert.Equal("/icons/icon.svg", page.QuerySelector("link[rel=icon][type='image/svg+xml']")!.GetAttribute("href"));
        }
        Assert.Equal(app.Guide.Sections[1].Summary,
            (await _client.GetPageAsync($"/guide/{app.Guide.Sections[1].Key}")).QuerySelector("meta[name=description]")!.GetAttribute("content"));
        Assert.True(descriptions.Distinct().Count() > app.Guide.Sections.Count, "each section describes itself");
    }

    [Theory]
    [InlineData("/favicon.ico", "image/x-icon", 0)]
    [InlineData("/icons/icon.svg", "image/svg+xml", 0)]
    [InlineData("/icons/apple-touch-icon.png", "image/png", 180)]
    [InlineData("/icons/icon-192.png", "image/png", 192)]
    [InlineData("/icons/icon-512.png", "image/png", 512)]
    [InlineData("/icons/icon-maskable-192.png", "image/png", 192)]
    [InlineData("/icons/icon-maskable-512.png", "image/png", 512)]
    public async Task TheSitesIconsAreServedInTheirSizes(string url, string type, int size)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
        if (size > 0)
        {
            var png = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(size, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
            Assert.Equal(size, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
        }
    }

    [Fact]
    public async Task NoRenderedPageCarriesScriptOtherThanOurOwnFile()
    {
        foreach (var url in app.Guide.Sections.Select(s => $"/guide/{s.Key}").Append("/").Append("/safety").Append("/guide"))
        {
            var page = await _client.GetPageAsync(url);

            var scripts = page.QuerySelectorAll("script").ToList();
            var script = Assert.Single(scripts);
            Assert.StartsWith("/js/site", script.GetAttribute("src"));
            Assert.Empty(page.QuerySelectorAll("[onerror],[onclick],[onload]"));
        }
    }

    [Fact]
    public async Task EveryResponseCarriesStrictSecurityHeaders()
    {
        var response = await _client.GetAsync("/guide");

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task StylesAndScriptsAreServedFingerprinted()
    {
        var page = await _client.GetPageAsync("/");
        var css = page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;

        Assert.Matches(@"^/css/site\.[a-z0-9]+\.css$", css);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(css)).StatusCode);
    }
}
