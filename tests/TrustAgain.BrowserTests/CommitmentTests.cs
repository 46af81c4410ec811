using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TrustAgain.BrowserTests;

public sealed class CommitmentTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly (string Name, int Width, int Height)[] Viewports = [("phone", 375, 667), ("desktop", 1280, 800)];

    [BrowserFact]
    public async Task AnAgreementIsRecordedFromAStepAndLoggedWithTheKeyboardAlone()
    {
        var page = await app.NewPageAsync();
        await page.RegisterAsync(app);
        await page.GotoAsync("/journeys/boundaries/set-clear-expectations");

        await Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Record an agreement" }));
        await Keyboard.TypeIntoAsync(page, page.GetByLabel("The agreement"), "I will tell you when plans change.");
        await Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save agreement" }));
        await Expect(page.Heading("I will tell you when plans change.")).ToBeVisibleAsync();

        await Keyboard.FocusAsync(page, page.GetByRole(AriaRole.Radio, new() { Name = "Kept" }));
        await page.Keyboard.PressAsync("Space");
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Kept" })).ToBeCheckedAsync();
        await Keyboard.TypeIntoAsync(page, page.GetByLabel("Note (optional)"), "Texted before I left work.");
        await Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Log it" }));

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Logged");
        await Expect(page.Locator(".record-entry .outcome")).ToHaveTextAsync("Kept");
        await Expect(page.Locator(".record-note")).ToHaveTextAsync("Texted before I left work.");
        await Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new("Last 30 days: kept 1 of 1 \\(100%\\)") })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }

    [BrowserFact]
    public async Task RenegotiatingInTheBrowserKeepsTheEarlierWordingInTheRecord()
    {
        var page = await app.NewPageAsync(width: 375, height: 667);
        await page.RegisterAsync(app);
        await page.GotoAsync("/commitments/new");
        await page.GetByLabel("The agreement").FillAsync("We will talk every Sunday.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save agreement" }).ClickAsync();

        await page.GetByLabel("Renegotiated").CheckAsync();
        await page.GetByLabel("New wording (only when renegotiating)").FillAsync("We will talk every Monday.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log it" }).ClickAsync();

        await Expect(page.Heading("We will talk every Monday.")).ToBeVisibleAsync();
        await Expect(page.Locator(".record-before")).ToHaveTextAsync("We will talk every Sunday.");
        await page.GotoAsync("/commitments");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "We will talk every Monday." })).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task TheSafetyCheckAndItsHelpAreCalmAndAccessibleEverywhere()
    {
        foreach (var (viewport, width, height) in Viewports)
        {
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                var page = await app.NewPageAsync(width, height, scheme);
                await page.RegisterAsync(app);
                await page.GotoAsync("/journeys/forgiveness/release-resentment");
                await Expect(page.Heading("Before you begin Forgiveness and letting go")).ToBeVisibleAsync();

                foreach (var question in new[] { "afraid", "threatened", "control", "pushed" })
                {
                    var group = page.GetByRole(AriaRole.Group, new() { NameRegex = new(question) });
                    await group.GetByLabel(question == "control" ? "Not sure" : "No", new() { Exact = true }).CheckAsync();
                }
                await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

                await Expect(page.Heading("Thank you for answering")).ToBeVisibleAsync();
                await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Go to Healing from betrayal" })).ToBeVisibleAsync();
                await page.AssertFitsTheScreenAsync();
                await page.AssertAccessibleAsync();
                await page.ScreenshotAsync($"journeys-safety-check-help-{viewport}-{scheme.ToString().ToLowerInvariant()}");

                await page.GetByRole(AriaRole.Link, new() { Name = "Continue to Forgiveness and letting go" }).ClickAsync();
                await Expect(page.Heading("Release resentment")).ToBeVisibleAsync();
                await page.Context.CloseAsync();
            }
        }
    }

    public static string Day(int daysFromToday) =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddDays(daysFromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public static class CommitmentSteps
{
    // Records an agreement with a few weeks of history, through the pages; returns the agreement's address.
    public static async Task<string> AgreementWithHistoryAsync(this IPage page)
    {
        await page.GotoAsync("/commitments/new");
        await page.GetByLabel("The agreement").FillAsync("We will talk for twenty minutes every Sunday evening, phones away.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save agreement" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/commitments/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("We will talk for twenty minutes every Sunday evening, phones away.");
        var url = new Uri(page.Url).AbsolutePath;
        foreach (var (outcome, days, note) in new[] { ("Kept", -40, ""), ("Slipped", -33, "Away for work."), ("Kept", -26, ""), ("Kept", -19, ""),
                                                      ("Slipped", -12, ""), ("Renegotiated", -10, "Sunday evenings were too rushed."), ("Kept", -5, "A good talk.") })
        {
            await page.GetByLabel(outcome, new() { Exact = outcome != "Renegotiated" }).CheckAsync();
            await page.GetByLabel("When", new() { Exact = true }).FillAsync(CommitmentTests.Day(days));
            await page.GetByLabel("Note (optional)").FillAsync(note);
            if (outcome == "Renegotiated")
            {
                await page.GetByLabel("New wording (only when renegotiating)").FillAsync("We will talk for twenty minutes every Saturday morning, phones away.");
            }
            await page.GetByRole(AriaRole.Button, new() { Name = "Log it" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Logged");
        }
        return url;
    }
}
