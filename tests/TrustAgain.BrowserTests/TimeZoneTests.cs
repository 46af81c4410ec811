using static Microsoft.Playwright.Assertions;

namespace TrustAgain.BrowserTests;

public sealed class TimeZoneTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [BrowserFact]
    public async Task TimesAreShownInTheZoneThePersonsBrowserIsIn()
    {
        const string zone = "Pacific/Auckland";
        var page = await app.NewPageAsync(timeZone: zone);
        // The first signed-in page sends the browser's zone; wait for that, as the next page relies on it.
        await page.RunAndWaitForResponseAsync(() => page.RegisterAsync(app), response => response.Url.Contains("handler=TimeZone", StringComparison.Ordinal));
        await page.GotoAsync("/journeys/healing/acknowledge-the-pain");
        await page.WriteReflectionAsync("Written on the other side of the world.");

        var shown = page.Locator(".reflection time").First;
        var offset = TimeZoneInfo.FindSystemTimeZoneById(zone).GetUtcOffset(DateTime.UtcNow);
        await Expect(shown).ToHaveAttributeAsync("datetime", new System.Text.RegularExpressions.Regex($"\\+{offset:hh\\:mm}$"));
        var local = TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, zone);
        await Expect(shown).ToContainTextAsync(local.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(shown).Not.ToContainTextAsync("UTC");

        await page.GotoAsync("/account");
        await Expect(page.GetByLabel("Show every time in")).ToHaveValueAsync(zone);
    }
}
