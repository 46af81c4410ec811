using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TrustAgain.BrowserTests;

public sealed class SummaryTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Written = "I keep replaying the evening I found out. The name of the bar. Writing it down helps a little.";
    private const string Blanked = "I keep replaying the evening I found out. [[The name of the bar.]] Writing it down helps a little.";

    private static readonly (string Name, int Width, int Height)[] Viewports = [("phone", 375, 667), ("desktop", 1280, 800)];

    [BrowserFact]
    public async Task ASummaryCanBeMadeAndDownloadedWithTheKeyboardAlone()
    {
        var page = await app.NewPageAsync(width: 375, height: 667);
        var email = await page.RegisterAsync(app);
        await HistoryAsync(page, email);

        await page.GotoAsync("/journal");
        await Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Make a summary for a counsellor" }));
        await Expect(page.Heading("A summary for a counsellor")).ToBeVisibleAsync();
        await Keyboard.FocusAsync(page, page.GetByRole(AriaRole.Checkbox, new() { Name = "I keep replaying" }));
        await page.Keyboard.PressAsync("Space");
        await Keyboard.FocusAsync(page, page.GetByRole(AriaRole.Checkbox, new() { Name = "Include my check-ins" }));
        await page.Keyboard.PressAsync("Space");
        await Keyboard.FocusAsync(page, page.GetByRole(AriaRole.Checkbox, new() { Name = "We will talk" }));
        await page.Keyboard.PressAsync("Space");
        await Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Next: leave things out" }));

        var box = page.GetByRole(AriaRole.Textbox, new() { Name = "Acknowledge what happened" });
        await Expect(box).ToHaveValueAsync(Written);
        await Keyboard.FocusAsync(page, box);
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(Blanked);
        await Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Make the summary" }));

        var summary = page.Locator(".counsellor-summary");
        await Expect(summary.Locator(".reflection-text")).ToHaveTextAsync("I keep replaying the evening I found out. [left out] Writing it down helps a little.");
        await Expect(summary.Locator("svg.timeline")).ToBeVisibleAsync();
        await Expect(summary.Locator("svg.strip-chart")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Print" })).ToBeVisibleAsync();
        var download = await page.RunAndWaitForDownloadAsync(() =>
            Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Download as Markdown" })));
        var markdown = await File.ReadAllTextAsync((await download.PathAsync())!);

        Assert.EndsWith(".md", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Contains("I keep replaying the evening I found out. [left out] Writing it down helps a little.", markdown);
        Assert.DoesNotContain("The name of the bar", markdown);
        Assert.DoesNotContain("The name of the bar", await summary.InnerTextAsync());
        Assert.Equal("/journal/summary?handler=Summary", new Uri(page.Url).PathAndQuery);
    }

    [BrowserFact]
    public async Task EveryStepIsAccessibleInEveryViewportAndSchemeAndPrintsCleanly()
    {
        // One person and one page, switched between screen sizes and schemes, so the history is made once.
        var page = await app.NewPageAsync();
        await HistoryAsync(page, await page.RegisterAsync(app));
        foreach (var (viewport, width, height) in Viewports)
        {
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                await page.SetViewportSizeAsync(width, height);
                await page.EmulateMediaAsync(new() { ColorScheme = scheme, Media = Media.Screen });
                var suffix = $"{viewport}-{scheme.ToString().ToLowerInvariant()}";

                await page.GotoAsync("/journal/summary");
                await CheckAsync(page, $"journal-summary-choose-{suffix}");
                foreach (var box in await page.GetByRole(AriaRole.Checkbox).AllAsync())
                {
                    await box.CheckAsync();
                }
                await page.GetByRole(AriaRole.Button, new() { Name = "Next: leave things out" }).ClickAsync();
                await page.GetByRole(AriaRole.Textbox, new() { Name = "Acknowledge what happened" }).FillAsync(Blanked);
                await CheckAsync(page, $"journal-summary-blank-{suffix}");
                await page.GetByRole(AriaRole.Button, new() { Name = "Make the summary" }).ClickAsync();
                await Expect(page.Locator(".counsellor-summary .left-out")).ToHaveTextAsync("[left out]");
                await CheckAsync(page, $"journal-summary-{suffix}");

                if (viewport == "desktop" && scheme == ColorScheme.Light)
                {
                    await page.EmulateMediaAsync(new() { Media = Media.Print });
                    await Expect(page.Locator(".site-header")).ToBeHiddenAsync();
                    await Expect(page.Locator(".site-footer")).ToBeHiddenAsync();
                    await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Print" })).ToBeHiddenAsync();
                    await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Download as Markdown" })).ToBeHiddenAsync();
                    await Expect(page.Locator(".screen-only")).ToBeHiddenAsync();
                    await Expect(page.Locator(".chart-data table").First).ToBeVisibleAsync();
                    Assert.Equal("rgb(0, 0, 0)", await page.Locator("polyline.trust").EvaluateAsync<string>("e => getComputedStyle(e).stroke"));
                    await page.ScreenshotAsync("journal-summary-print");
                }
            }
        }
    }

    private static async Task CheckAsync(IPage page, string screenshot)
    {
        await page.AssertFitsTheScreenAsync();
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync(screenshot);
    }

    // A reflection, weeks of check-ins with a step completed between them, and an agreement with a record.
    private async Task HistoryAsync(IPage page, string email)
    {
        await app.AddWeeksOfCheckInsAsync(email);
        await page.GotoAsync("/journeys/rebuilding-trust/acknowledge-the-breach");
        await page.WriteReflectionAsync(Written);
        await page.AgreementWithHistoryAsync();
    }
}
