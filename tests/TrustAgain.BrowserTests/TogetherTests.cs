using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TrustAgain.BrowserTests;

// Two people in two real browser contexts (their own cookies), linking, offering, opening, withdrawing and
// unlinking, with a third person who reaches none of it.
public sealed class TogetherTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Written = "I lied about where I was that night. I was at her flat. I am sorry.";
    private const string Blanked = "I lied about where I was that night. [[I was at her flat.]] I am sorry.";
    private const string Kept = "I lied about where I was that night. [left out] I am sorry.";

    [BrowserFact]
    public async Task TwoPeopleLinkOfferOpenWithdrawAndUnlinkWithTheMouse()
    {
        var a = await app.NewPageAsync();
        var b = await app.NewPageAsync(width: 375, height: 667, scheme: ColorScheme.Dark);
        await a.RegisterAsync(app);
        await b.RegisterAsync(app);

        await a.GotoAsync("/together");
        await CheckAsync(a, "together-start-desktop-light");
        await a.GetByRole(AriaRole.Link, new() { Name = "Start with a few private questions" }).ClickAsync();
        await CheckAsync(a, "together-safe-pairing-desktop-light");
        await AnswerNoAsync(a);
        await a.GetByRole(AriaRole.Link, new() { Name = "Invite the other person" }).ClickAsync();
        await CheckAsync(a, "together-invite-desktop-light");
        await a.GetByRole(AriaRole.Button, new() { Name = "Make the invitation" }).ClickAsync();
        var link = new Uri(await a.GetByLabel("Invitation link").InputValueAsync()).AbsolutePath;
        await CheckAsync(a, "together-invitation-desktop-light");

        // The invited person answers the private questions first, and comes back to the invitation.
        await b.GotoAsync(link);
        await Signs.ArrivedAsync(b, "/together/safe-pairing", "Before you link");
        await CheckAsync(b, "together-safe-pairing-phone-dark");
        await AnswerNoAsync(b);
        await Signs.ArrivedAsync(b, link, "Accept an invitation");
        await CheckAsync(b, "together-join-phone-dark");
        await b.GetByRole(AriaRole.Button, new() { Name = "Accept the invitation" }).ClickAsync();
        await Expect(b.GetByRole(AriaRole.Status)).ToContainTextAsync("You accepted the invitation");

        await a.GotoAsync("/together");
        await CheckAsync(a, "together-confirm-desktop-light");
        await a.GetByRole(AriaRole.Button, new() { Name = "Confirm and link" }).ClickAsync();
        await Expect(a.Locator("main")).ToContainTextAsync("You are linked with");

        await a.GotoAsync("/journeys/rebuilding-trust/acknowledge-the-breach");
        await a.WriteReflectionAsync(Written);
        await a.GotoAsync("/journal");
        await a.GetByRole(AriaRole.Link, new() { Name = "Offer this reflection to the other person" }).ClickAsync();
        await a.GetByLabel("What they will see").FillAsync(Blanked);
        await a.GetByRole(AriaRole.Button, new() { Name = "Update the preview" }).ClickAsync();
        await Expect(a.Locator(".offer-preview")).ToHaveTextAsync(Kept);
        await CheckAsync(a, "journal-offer-desktop-light");
        await a.GetByRole(AriaRole.Group, new() { Name = "Has anyone asked or pushed you to share this?" }).GetByLabel("No").CheckAsync();
        await a.GetByRole(AriaRole.Button, new() { Name = "Offer it" }).ClickAsync();
        await Signs.ArrivedAsync(a, "/together", "Together");
        await CheckAsync(a, "together-linked-desktop-light");

        await b.GotoAsync("/journal");
        await Expect(b.Locator(".site-header")).ToContainTextAsync("Something is waiting for you");
        await b.GotoAsync("/together");
        await b.GetByRole(AriaRole.Link, new() { Name = "Sealed: look when you are ready" }).ClickAsync();
        var offerUrl = new Uri(b.Url).AbsolutePath;
        await Expect(b.Locator("main")).Not.ToContainTextAsync("I lied");
        await CheckAsync(b, "together-offer-sealed-phone-dark");
        await b.GetByRole(AriaRole.Button, new() { Name = "Open now" }).ClickAsync();
        await Expect(b.Locator(".offer-text")).ToHaveTextAsync(Kept);
        await Expect(b.Locator("main")).Not.ToContainTextAsync("her flat");
        await CheckAsync(b, "together-offer-opened-phone-dark");

        var c = await app.NewPageAsync();
        await c.RegisterAsync(app);
        Assert.Equal(404, (await c.GotoAsync(offerUrl))!.Status);

        await a.GotoAsync("/together");
        await a.GetByRole(AriaRole.Button, new() { Name = "Withdraw the offer on Acknowledge what happened" }).ClickAsync();
        await Expect(a.Locator("main")).ToContainTextAsync("was withdrawn");
        Assert.Equal(404, (await b.GotoAsync(offerUrl))!.Status);

        await b.GotoAsync("/together");
        await b.GetByRole(AriaRole.Link, new() { Name = "End the link…" }).ClickAsync();
        await Signs.ArrivedAsync(b, "/together/end", "End the link?");
        await CheckAsync(b, "together-end-phone-dark");
        await b.GetByRole(AriaRole.Button, new() { Name = "End the link now" }).ClickAsync();
        await Expect(b.GetByRole(AriaRole.Status)).ToContainTextAsync("The link has ended");
        await a.GotoAsync("/together");
        await Expect(a.Locator("main")).ToContainTextAsync("The link with the other person has ended");
        await CheckAsync(a, "together-ended-desktop-light");
        await a.GotoAsync("/journal");
        await Expect(a.Locator(".reflection-text")).ToHaveTextAsync(Written);
    }

    [BrowserFact]
    public async Task TwoPeopleLinkOfferOpenWithdrawAndUnlinkWithTheKeyboardAlone()
    {
        var a = await app.NewPageAsync(width: 375, height: 667);
        var b = await app.NewPageAsync(scheme: ColorScheme.Dark);
        await a.RegisterAsync(app);
        await b.RegisterAsync(app);

        await a.GotoAsync("/together");
        await Keyboard.ActivateAsync(a, a.GetByRole(AriaRole.Link, new() { Name = "Start with a few private questions" }));
        await AnswerNoByKeyboardAsync(a);
        await Keyboard.ActivateAsync(a, a.GetByRole(AriaRole.Link, new() { Name = "Invite the other person" }));
        await Signs.ArrivedAsync(a, "/together/invite", "Invite the other person");
        await Keyboard.ActivateAsync(a, a.GetByRole(AriaRole.Button, new() { Name = "Make the invitation" }));
        await Expect(a.GetByRole(AriaRole.Status)).ToContainTextAsync("Your invitation is ready");
        var link = new Uri(await a.GetByLabel("Invitation link").InputValueAsync()).AbsolutePath;

        await b.GotoAsync(link);
        await Signs.ArrivedAsync(b, "/together/safe-pairing", "Before you link");
        await AnswerNoByKeyboardAsync(b);
        await Signs.ArrivedAsync(b, link, "Accept an invitation");
        await Keyboard.ActivateAsync(b, b.GetByRole(AriaRole.Button, new() { Name = "Accept the invitation" }));
        await Expect(b.GetByRole(AriaRole.Status)).ToContainTextAsync("You accepted the invitation");

        await a.GotoAsync("/together");
        await Keyboard.ActivateAsync(a, a.GetByRole(AriaRole.Button, new() { Name = "Confirm and link" }));
        await Expect(a.Locator("main")).ToContainTextAsync("You are linked with");

        await a.GotoAsync("/journeys/rebuilding-trust/acknowledge-the-breach");
        await a.WriteReflectionAsync(Written);
        await a.GotoAsync("/journal");
        await Keyboard.ActivateAsync(a, a.GetByRole(AriaRole.Link, new() { Name = "Offer this reflection to the other person" }));
        await Expect(a.Heading("Offer to the other person")).ToBeVisibleAsync();
        var text = a.GetByLabel("What they will see");
        await Keyboard.FocusAsync(a, text);
        await a.Keyboard.PressAsync("Control+A");
        await a.Keyboard.TypeAsync(Blanked);
        // "No" comes first in its group, so Tab lands on it and Space chooses it.
        await Keyboard.FocusAsync(a, a.GetByRole(AriaRole.Group, new() { Name = "Has anyone asked or pushed you to share this?" }).GetByLabel("No"));
        await a.Keyboard.PressAsync("Space");
        await Keyboard.ActivateAsync(a, a.GetByRole(AriaRole.Button, new() { Name = "Offer it" }));
        await Signs.ArrivedAsync(a, "/together", "Together");

        await b.GotoAsync("/together");
        await Keyboard.ActivateAsync(b, b.GetByRole(AriaRole.Link, new() { Name = "Sealed: look when you are ready" }));
        await Expect(b.Heading("Offered to you")).ToBeVisibleAsync();
        var offerUrl = new Uri(b.Url).AbsolutePath;
        await Keyboard.ActivateAsync(b, b.GetByRole(AriaRole.Button, new() { Name = "Not ready yet" }));
        await Expect(b.GetByRole(AriaRole.Status)).ToContainTextAsync("Keeping this sealed for later is fine");
        await Expect(b.Locator("main")).Not.ToContainTextAsync("I lied");
        await b.GotoAsync(offerUrl);
        await Keyboard.ActivateAsync(b, b.GetByRole(AriaRole.Button, new() { Name = "Open now" }));
        await Expect(b.Locator(".offer-text")).ToHaveTextAsync(Kept);

        await a.GotoAsync("/together");
        await Keyboard.ActivateAsync(a, a.GetByRole(AriaRole.Button, new() { Name = "Withdraw the offer on Acknowledge what happened" }));
        await Expect(a.Locator("main")).ToContainTextAsync("was withdrawn");
        Assert.Equal(404, (await b.GotoAsync(offerUrl))!.Status);

        await a.GotoAsync("/together");
        await Keyboard.ActivateAsync(a, a.GetByRole(AriaRole.Link, new() { Name = "End the link…" }));
        await Signs.ArrivedAsync(a, "/together/end", "End the link?");
        await Keyboard.ActivateAsync(a, a.GetByRole(AriaRole.Button, new() { Name = "End the link now" }));
        await Expect(a.GetByRole(AriaRole.Status)).ToContainTextAsync("The link has ended");
        await b.GotoAsync("/together");
        await Expect(b.Locator("main")).ToContainTextAsync("The link with the other person has ended");
    }

    // In each group Tab reaches the first choice, "Yes"; Space chooses it and the arrow key moves the choice on to
    // "No", as in any group of radio buttons.
    private static async Task AnswerNoByKeyboardAsync(IPage page)
    {
        await Expect(page.Heading("Before you link")).ToBeVisibleAsync();
        foreach (var yes in await page.GetByRole(AriaRole.Radio, new() { Name = "Yes", Exact = true }).AllAsync())
        {
            await Keyboard.FocusAsync(page, yes);
            await page.Keyboard.PressAsync("Space");
            await page.Keyboard.PressAsync("ArrowRight");
        }
        Assert.Equal(4, await page.Locator("input[type=radio][value=No]:checked").CountAsync());
        await Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));
        await Expect(page.Heading("Before you link")).Not.ToBeVisibleAsync();
    }

    private static async Task AnswerNoAsync(IPage page)
    {
        foreach (var no in await page.GetByRole(AriaRole.Radio, new() { Name = "No", Exact = true }).AllAsync())
        {
            await no.CheckAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.Heading("Before you link")).Not.ToBeVisibleAsync();
    }

    private static async Task CheckAsync(IPage page, string screenshot)
    {
        await page.AssertFitsTheScreenAsync();
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync(screenshot);
    }
}
