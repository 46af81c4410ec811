using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TrustAgain.BrowserTests;

public sealed class JournalTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [BrowserFact]
    public async Task BackReturnsToSearchResultsWhoseAddressHoldsNoWords()
    {
        var page = await app.NewPageAsync();
        await page.RegisterAsync(app);
        await page.GotoAsync("/journeys/healing/acknowledge-the-pain");
        await page.WriteReflectionAsync("The lighthouse walk, the first time I cried.");
        await page.WriteReflectionAsync("Something else entirely.");
        await page.GotoAsync("/journal");

        await page.GetByLabel("Search your reflections").FillAsync("lighthouse");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/journal\\?search=[0-9a-f]{32}$"));
        await Expect(page.Locator(".reflection-text")).ToHaveTextAsync(["The lighthouse walk, the first time I cried."]);

        await page.GetByRole(AriaRole.Link, new() { Name = "Acknowledge the pain" }).ClickAsync();
        await Expect(page.Heading("Acknowledge the pain")).ToBeVisibleAsync();
        await page.GoBackAsync();

        await Expect(page.Heading("Your journal")).ToBeVisibleAsync();
        await Expect(page.Locator(".reflection-text")).ToHaveTextAsync(["The lighthouse walk, the first time I cried."]);
        await Expect(page.GetByLabel("Search your reflections")).ToHaveValueAsync("lighthouse");
        Assert.DoesNotContain("lighthouse", page.Url, StringComparison.OrdinalIgnoreCase);
        await page.ReloadAsync();
        await Expect(page.Locator(".reflection-text")).ToHaveTextAsync(["The lighthouse walk, the first time I cried."]);
    }
}
