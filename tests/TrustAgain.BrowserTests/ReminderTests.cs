using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TrustAgain.BrowserTests;

public sealed class ReminderTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [BrowserFact]
    public async Task APersonTurnsOnRemindersInTheirBrowsersZoneAndAWrongTimeIsShownByItsField()
    {
        const string zone = "America/Chicago";
        var page = await app.NewPageAsync(timeZone: zone);
        await page.RunAndWaitForResponseAsync(() => page.RegisterAsync(app), response => response.Url.Contains("handler=TimeZone", StringComparison.Ordinal));
        await page.GotoAsync("/account");
        await page.GetByRole(AriaRole.Link, new() { Name = "Reminders" }).ClickAsync();

        await Expect(page.GetByLabel("Send me reminders by e-mail")).Not.ToBeCheckedAsync();
        await Expect(page.GetByLabel("Time zone")).ToHaveValueAsync(zone);
        await page.GetByLabel("Send me reminders by e-mail").CheckAsync();
        await page.GetByLabel("Once a week").CheckAsync();
        await page.GetByLabel("Sunday").CheckAsync();
        await page.GetByLabel("Time of day").FillAsync("07:45");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save reminders" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Reminders are on." })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-next]")).ToContainTextAsync("07:45");
        await Expect(page.GetByLabel("Once a week")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Sunday")).ToBeCheckedAsync();
        await page.AssertAccessibleAsync();
        await page.AssertFitsTheScreenAsync();
    }
}
