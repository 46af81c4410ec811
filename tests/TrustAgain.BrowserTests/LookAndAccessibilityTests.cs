using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TrustAgain.BrowserTests;

// Every page the flows reach, signed out and signed in, on a phone and a desktop, light and dark:
// zero axe violations, nothing scrolling sideways or overlapping, and a screenshot to look at.
public sealed class LookAndAccessibilityTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly (string Name, int Width, int Height)[] Viewports = [("phone", 375, 667), ("desktop", 1280, 800)];

    private static readonly string[] PublicPages =
        ["/", "/guide", "/guide/rebuilding-trust", "/guide/key-takeaways", "/search?q=boundaries", "/search?q=zzzzqqq",
         "/safety", "/account/sign-in", "/account/register", "/account/forgot-password", "/account/finish-sign-up", "/no-such-page",
         "/account/signed-out", "/account/deleted", "/reminders/stop?t=an-old-link"];

    [BrowserFact]
    public Task PublicPagesInEveryViewportAndScheme() => CheckAsync(signedIn: false);

    [BrowserFact]
    public Task SignedInPagesInEveryViewportAndScheme() => CheckAsync(signedIn: true);

    private async Task CheckAsync(bool signedIn)
    {
        foreach (var (viewport, width, height) in Viewports)
        {
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                var page = await app.NewPageAsync(width, height, scheme);
                var pages = signedIn ? await SignedInPagesAsync(app, page) : PublicPages;
                foreach (var url in pages)
                {
                    await page.GotoAsync(url);
                    await page.AssertFitsTheScreenAsync();
                    await page.AssertAccessibleAsync();
                    var name = signedIn && url == "/" ? "home-signed-in" : Name(url);
                    await page.ScreenshotAsync($"{name}-{viewport}-{scheme.ToString().ToLowerInvariant()}");
                }
                if (!signedIn)
                {
                    await SignUpPagesAsync(app, page, $"{viewport}-{scheme.ToString().ToLowerInvariant()}");
                }
                await page.Context.CloseAsync();
            }
        }
    }

    // The two sign-up pages reached only through a form and a mailed link: "Check your inbox" and choosing a password.
    private static async Task SignUpPagesAsync(BrowserApp app, IPage page, string suffix)
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        await page.GotoAsync("/account/register");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
        await Expect(page.Heading("Check your inbox")).ToBeVisibleAsync();
        await page.AssertFitsTheScreenAsync();
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync($"account-register-sent-{suffix}");

        await page.GotoAsync(MailPickup.LinkIn(MailPickup.NewestTo(app.DataDirectory, email), "/account/finish-sign-up"));
        await Expect(page.Heading("Choose your password")).ToBeVisibleAsync();
        await page.AssertFitsTheScreenAsync();
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync($"account-finish-sign-up-link-{suffix}");
    }

    // A person with some history, so the signed-in pages show progress, reflections, a journal, weeks of check-ins
    // with steps completed between them, and a prompt answered twice.
    private static async Task<string[]> SignedInPagesAsync(BrowserApp app, IPage page)
    {
        var email = await page.RegisterAsync(app);
        await app.AddWeeksOfCheckInsAsync(email);
        await app.AddAnswersToOnePromptAsync(email);
        await page.GotoAsync("/journeys/rebuilding-trust/acknowledge-the-breach");
        await page.WriteReflectionAsync("I keep replaying the evening I found out. Writing it down helps a little.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark as done" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mark as not done" })).ToBeVisibleAsync();
        await app.BackdateFirstStepAsync(email);
        var edit = await page.GetByRole(AriaRole.Link, new() { Name = "Edit this reflection" }).GetAttributeAsync("href");
        var delete = await page.GetByRole(AriaRole.Link, new() { Name = "Delete this reflection" }).GetAttributeAsync("href");
        var agreement = await page.AgreementWithHistoryAsync();
        return ["/", "/journeys", "/journeys/rebuilding-trust", "/journeys/rebuilding-trust/acknowledge-the-breach",
                "/journal", edit!, delete!, "/account", "/account/password", "/account/delete", "/journal/import",
                "/account/sessions", "/account/two-factor", "/account/passkeys", "/account/email", "/account/reminders", "/check-in", "/insights", "/insights/then-and-now",
                "/journeys/rebuilding-trust/talk-openly-and-honestly",
                "/commitments", "/commitments/new", agreement, agreement + "/delete", "/journeys/boundaries/set-clear-expectations",
                "/journeys/forgiveness/safety-check"];
    }

    // "/journal/{id}/edit" becomes "journal-edit"; "/" becomes "home".
    private static string Name(string url) => url switch
    {
        "/" => "home",
        _ when url.Contains("zzzz", StringComparison.Ordinal) => "search-empty",
        _ when Guid.TryParse(url.Split('/')[^1], out _) => url.Split('/')[1].TrimEnd('s'),
        _ => string.Join('-', url.Split('?')[0].Trim('/').Split('/').Where(part => !Guid.TryParse(part, out _))),
    };
}
