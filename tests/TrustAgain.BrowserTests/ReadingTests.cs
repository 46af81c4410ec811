using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TrustAgain.BrowserTests;

public sealed partial class ReadingTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [BrowserFact]
    public async Task AReaderGoesFromHomeThroughTheGuideToASearchResult()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Guide" }).ClickAsync();
        await Expect(page.Heading("The guide")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Rebuilding trust, step by step" }).ClickAsync();
        await Expect(page.Heading("Rebuilding trust, step by step")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { NameRegex = NextSection() }).ClickAsync();
        await Expect(page.Heading("Understanding the impact of broken trust")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Search", Exact = true }).ClickAsync();
        await page.GetByLabel("Words to look for").FillAsync("apology");
        await page.GetByLabel("Words to look for").PressAsync("Enter");
        await page.GetByRole(AriaRole.Link, new() { Name = "Apologise sincerely" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/guide/rebuilding-trust#apologise-sincerely$"));
        await Expect(page.Locator("#apologise-sincerely h2")).ToBeInViewportAsync();
    }

    [BrowserFact]
    public async Task TheGuideReadsWithoutJavaScript()
    {
        var page = await app.NewPageAsync(javaScript: false);

        await page.GotoAsync("/guide/healing-from-betrayal");
        await page.GetByRole(AriaRole.Link, new() { Name = "Seek support" }).First.ClickAsync();

        await Expect(page.Locator("#seek-support")).ToBeInViewportAsync();
    }

    [BrowserFact]
    public async Task NothingIsRequestedFromAnotherOrigin()
    {
        var page = await app.NewPageAsync();
        var foreign = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(app.BaseUrl, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                foreign.Add(request.Url);
            }
        };

        foreach (var url in new[] { "/", "/guide", "/guide/setting-boundaries", "/search?q=trust", "/safety" })
        {
            await page.GotoAsync(url);
        }

        Assert.Empty(foreign);
    }

    [GeneratedRegex("^Next section")]
    private static partial Regex NextSection();
}
