using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TrustAgain.BrowserTests;

public sealed class CheckInTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [BrowserFact]
    public async Task ACheckInCanBeMadeWithTheKeyboardAlone()
    {
        var page = await app.NewPageAsync(width: 375, height: 667);
        await page.RegisterAsync(app);
        await page.GotoAsync("/journeys/rebuilding-trust/acknowledge-the-breach");
        await Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Mark as done" }));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Well done for finishing this step.");
        await page.ScreenshotAsync("step-check-in-offer-phone-light");

        await Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Check in", Exact = true }));
        await Expect(page.Heading("Check in")).ToBeVisibleAsync();
        // Tab lands on a radio group; the arrow keys then choose the number.
        await Keyboard.FocusAsync(page, page.Locator("#Input_Trust-0"));
        for (var i = 0; i < 4; i++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
        }
        await Keyboard.FocusAsync(page, page.Locator("#Input_Safety-0"));
        for (var i = 0; i < 7; i++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
        }
        await Keyboard.FocusAsync(page, page.GetByRole(AriaRole.Checkbox, new() { Name = "hopeful" }));
        await page.Keyboard.PressAsync("Space");
        await Keyboard.TypeIntoAsync(page, page.GetByLabel("A note (optional)"), "Typed without a mouse.");
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "4" }).First).ToBeCheckedAsync();
        await page.ScreenshotAsync("check-in-filled-phone-light");
        await Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save check-in" }));

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Check-in saved. Only you can see it.");
        await Expect(page.Locator(".check-in-entry .scores")).ToContainTextAsync("Trust 4");
        await Expect(page.Locator(".check-in-entry .scores")).ToContainTextAsync("Safety 7");
        await Expect(page.Locator(".check-in-entry .feeling-tags")).ToHaveTextAsync("hopeful");
        await Expect(page.Locator(".check-in-entry .meta")).ToContainTextAsync("after finishing Acknowledge what happened");
        await Expect(page.Locator("#timeline-summary")).ToContainTextAsync("One check-in so far");
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("insights-one-point-phone-light");
    }

    [BrowserFact]
    public async Task AMissingAnswerIsExplainedAndTheChoicesStay()
    {
        var page = await app.NewPageAsync(scheme: ColorScheme.Dark);
        await page.RegisterAsync(app);
        await page.GotoAsync("/check-in");

        await page.Locator("#Input_Safety-6").CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "sad" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save check-in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "How much do you trust them right now?" }))
            .ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("Choose a number from 0 to 10 for trust"));
        await Expect(page.Locator("#Input_Safety-6")).ToBeCheckedAsync();
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "sad" })).ToBeCheckedAsync();
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("check-in-error-desktop-dark");
    }

    [BrowserFact]
    public async Task InsightsWithNoCheckInsInviteTheFirstOne()
    {
        var page = await app.NewPageAsync(width: 375, height: 667, scheme: ColorScheme.Dark);
        await page.RegisterAsync(app);

        // On a phone the header's links are in its menu.
        await page.GetByText("Menu", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Insights", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No check-ins yet" })).ToBeVisibleAsync();
        await Expect(page.Locator("svg")).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("insights-empty-phone-dark");
    }

    [BrowserFact]
    public async Task TheChartsPrintInBlackAndWhite()
    {
        var page = await app.NewPageAsync();
        var email = await page.RegisterAsync(app);
        await app.AddWeeksOfCheckInsAsync(email);
        await page.GotoAsync("/insights");
        await page.EmulateMediaAsync(new() { Media = Media.Print });

        var trustLine = await page.Locator("polyline.trust").EvaluateAsync<string>("e => getComputedStyle(e).stroke");

        Assert.Equal("rgb(0, 0, 0)", trustLine);
        await Expect(page.Locator(".site-header")).ToBeHiddenAsync();
        await page.ScreenshotAsync("insights-print");
    }
}
