using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TrustAgain.BrowserTests;

// The header: one calm row on a phone with the links in a menu, every link in one row on a desktop, and Quick exit
// on screen on every page, however far down a person has read.
public sealed class HeaderTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [BrowserFact]
    public async Task OnAPhoneTheSignedInHeaderIsOneRowWithAMenuAndQuickExit()
    {
        var page = await app.NewPageAsync(width: 375, height: 667);
        await page.RegisterAsync(app);

        var header = await page.Locator(".site-header").BoundingBoxAsync();
        Assert.True(header!.Height <= 64, $"the header is {header.Height}px tall");
        await Expect(QuickExit(page)).ToBeInViewportAsync();
        await Expect(Link(page, "Journal")).Not.ToBeVisibleAsync();
        await page.AssertFitsTheScreenAsync();

        // Open, the menu drops down over the page, within the screen, Quick exit still beside it.
        await page.GetByText("Menu", new() { Exact = true }).ClickAsync();
        await Expect(Link(page, "Journal")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeInViewportAsync(new() { Ratio = 1 });
        var menu = await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).BoundingBoxAsync();
        Assert.True(menu!.X >= 0 && menu.X + menu.Width <= 375, $"the open menu spans {menu.X}–{menu.X + menu.Width}px");
        await Expect(QuickExit(page)).ToBeInViewportAsync(new() { Ratio = 1 });
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("header-menu-open-phone-light");

        await page.Keyboard.PressAsync("Escape");
        await Expect(Link(page, "Journal")).Not.ToBeVisibleAsync();
        await Expect(page.Locator(".menu summary")).ToBeFocusedAsync();

        await page.GetByText("Menu", new() { Exact = true }).ClickAsync();
        await Link(page, "Journal").ClickAsync();
        await Signs.ArrivedAsync(page, "/journal", "Your journal");
        await Expect(Link(page, "Journal")).Not.ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task ThePhoneMenuOpensWithoutJavaScript()
    {
        var page = await app.NewPageAsync(width: 375, height: 667, scheme: ColorScheme.Dark, javaScript: false);
        await page.RegisterAsync(app);

        await Expect(Link(page, "Insights")).Not.ToBeVisibleAsync();
        await page.GetByText("Menu", new() { Exact = true }).ClickAsync();
        await Link(page, "Insights").ClickAsync();

        await Signs.ArrivedAsync(page, "/insights", "Insights");
        await page.ScreenshotAsync("header-after-menu-phone-dark-no-script");
    }

    [BrowserFact]
    public async Task OnADesktopEveryLinkAndSignOutSitInOneRowWithOrWithoutJavaScript()
    {
        foreach (var javaScript in new[] { true, false })
        {
            var page = await app.NewPageAsync(javaScript: javaScript);
            await page.RegisterAsync(app);

            await Expect(page.GetByText("Menu", new() { Exact = true })).Not.ToBeVisibleAsync();
            var guide = await Link(page, "Guide").BoundingBoxAsync();
            foreach (var name in new[] { "Journeys", "Journal", "Insights", "Commitments", "Account" })
            {
                var link = await Link(page, name).BoundingBoxAsync();
                Assert.Equal(guide!.Y, link!.Y, 1.0);
            }
            var signOut = await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).BoundingBoxAsync();
            Assert.True(Math.Abs(signOut!.Y + signOut.Height / 2 - (guide!.Y + guide.Height / 2)) < 2,
                $"'Sign out' sits at {signOut.Y}, the links at {guide.Y}");
            Assert.True(signOut.Height < guide.Height * 1.5, "'Sign out' fits on one line");
            var header = await page.Locator(".site-header").BoundingBoxAsync();
            Assert.True(header!.Height <= 72, $"the header is {header.Height}px tall");
            await page.Context.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task QuickExitStaysOnScreenToTheEndOfALongPageWithoutCoveringIt()
    {
        foreach (var (width, height) in new[] { (375, 667), (1280, 800) })
        {
            var page = await app.NewPageAsync(width, height);
            await page.GotoAsync("/guide/rebuilding-trust");
            var long_ = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
            Assert.True(long_ > height * 4, "the page is long enough to scroll a long way");

            await page.Mouse.WheelAsync(0, long_);
            await Expect(QuickExit(page)).ToBeInViewportAsync(new() { Ratio = 1 });

            // A link to a step lands with the step's heading below the header, not under it.
            await page.GotoAsync("/guide/rebuilding-trust#be-patient");
            var header = await page.Locator(".site-header").BoundingBoxAsync();
            var heading = await page.Locator("#be-patient h2").BoundingBoxAsync();
            Assert.True(heading!.Y >= header!.Y + header.Height, $"the heading at {heading.Y} is under the header ending at {header.Y + header.Height}");
            await Expect(QuickExit(page)).ToBeInViewportAsync(new() { Ratio = 1 });
            await page.Context.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task QuickExitSaysThatPressingEscTwiceAlsoWorks()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/safety");

        await Expect(QuickExit(page)).ToHaveAccessibleNameAsync("Quick exit: leave this site now (pressing Esc twice also works)");
        await Expect(page.GetByText("Pressing Esc twice does the same.")).ToBeVisibleAsync();
    }

    private static ILocator QuickExit(IPage page) => page.GetByRole(AriaRole.Link, new() { NameRegex = new("^Quick exit") });

    private static ILocator Link(IPage page, string name) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
}
