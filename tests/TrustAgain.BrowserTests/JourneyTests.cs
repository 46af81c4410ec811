using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TrustAgain.BrowserTests;

public sealed partial class JourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [BrowserFact]
    public async Task APersonWorksThroughAJourneyAcrossTwoVisits()
    {
        var page = await app.NewPageAsync();
        var email = await page.RegisterAsync(app);

        await page.GetByRole(AriaRole.Link, new() { Name = "Start Rebuilding trust" }).ClickAsync();
        await Expect(page.Heading("Acknowledge what happened")).ToBeVisibleAsync();
        await page.WriteReflectionAsync("It was the messages. I need to say that plainly.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark as done" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mark as not done" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Signs.ArrivedAsync(page, "/account/signed-out", "You are signed out");
        await page.SignInAsync(email);
        await Expect(page.Heading("Welcome back")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = "Progress in Rebuilding trust" })).ToHaveAttributeAsync("value", "1");

        await page.GetByRole(AriaRole.Link, new() { NameRegex = ContinueLink() }).ClickAsync();
        await Expect(page.Heading("Talk openly and honestly")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Journal", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit this reflection" }).ClickAsync();
        await page.GetByLabel("Your reflection", new() { Exact = true }).FillAsync("It was the messages, and the lying about them.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.GetByText("It was the messages, and the lying about them.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Account", Exact = true }).ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Readable copy (Markdown)" }).ClickAsync());
        var exported = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Contains("It was the messages, and the lying about them.", exported);

        await page.GotoAsync("/journal");
        await page.GetByRole(AriaRole.Link, new() { Name = "Delete this reflection" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete reflection" }).ClickAsync();
        await page.GotoAsync("/journal");
        await Expect(page.GetByText("You haven't written anything yet.")).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task TheSameJourneyCanBeDoneWithTheKeyboardAlone()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");

        // The first Tab reaches a visible "Skip to content" link.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeInViewportAsync();

        await Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Create a private account" }));
        var email = $"{Guid.NewGuid():N}@example.com";
        await Keyboard.TypeIntoAsync(page, page.GetByLabel("E-mail address"), email);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Heading("Check your inbox")).ToBeVisibleAsync();
        // The link is opened from the mail program, as anyone would.
        await page.GotoAsync(MailPickup.LinkIn(MailPickup.NewestTo(app.DataDirectory, email), "/account/finish-sign-up"));
        await Keyboard.TypeIntoAsync(page, page.GetByLabel("Password", new() { Exact = true }), Person.Password);
        await Keyboard.TypeIntoAsync(page, page.GetByLabel("Password again"), Person.Password);
        await page.Keyboard.PressAsync("Enter");
        await Signs.ArrivedAsync(page, "/journeys", "Journeys");

        await Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Start Healing from betrayal" }));
        await Keyboard.TypeIntoAsync(page, page.GetByLabel("Your reflection", new() { Exact = true }), "Typed without a mouse.");
        await Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save reflection" }));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Mark as done" }));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mark as not done" })).ToBeVisibleAsync();

        await Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }));
        await Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }));
        await Keyboard.TypeIntoAsync(page, page.GetByLabel("E-mail address"), email);
        await Keyboard.TypeIntoAsync(page, page.GetByLabel("Password"), Person.Password);
        await page.Keyboard.PressAsync("Enter");
        await Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Link, new() { NameRegex = ContinueLink() }));
        await Expect(page.Heading("Seek support")).ToBeVisibleAsync();

        await Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Journal", Exact = true }));
        await Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Edit this reflection" }));
        await Keyboard.FocusAsync(page, page.GetByLabel("Your reflection", new() { Exact = true }));
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.TypeAsync(" And edited the same way.");
        await Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }));
        await Expect(page.GetByText("Typed without a mouse. And edited the same way.")).ToBeVisibleAsync();

        await Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Delete this reflection" }));
        await Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Delete reflection" }));
        await Expect(page.GetByText("Typed without a mouse.")).ToHaveCountAsync(0);
    }

    [BrowserFact]
    public async Task AnEmptyReflectionShowsItsMessageNextToTheBox()
    {
        var page = await app.NewPageAsync(width: 375, height: 667);
        await page.RegisterAsync(app);
        await page.GotoAsync("/journeys/healing/practise-self-care");

        await page.GetByLabel("Your reflection", new() { Exact = true }).FillAsync("   ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save reflection" }).ClickAsync();

        var box = page.GetByLabel("Your reflection", new() { Exact = true });
        await Expect(box).ToHaveAccessibleDescriptionAsync(new Regex("Write something before saving"));
        await Expect(page.Locator("#Input_Text-error")).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task AnOverLongReflectionKeepsEveryCharacterTyped()
    {
        var page = await app.NewPageAsync();
        await page.RegisterAsync(app);
        await page.GotoAsync("/journeys/healing/practise-self-care");
        var text = "Everything I could not say. " + new string('x', 20_000);

        await page.GetByLabel("Your reflection", new() { Exact = true }).FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save reflection" }).ClickAsync();

        await Expect(page.GetByLabel("Your reflection", new() { Exact = true })).ToHaveValueAsync(text);
        await Expect(page.GetByLabel("Your reflection", new() { Exact = true })).ToHaveAccessibleDescriptionAsync(new Regex("longer than 20,000 characters"));
    }

    [BrowserFact]
    public async Task AReflectionSavesWithoutJavaScript()
    {
        var page = await app.NewPageAsync(javaScript: false);
        await page.RegisterAsync(app);
        await page.GotoAsync("/journeys/boundaries/define-personal-space");

        await page.WriteReflectionAsync("Saved by a plain form post.");

        await Expect(page.Locator(".reflection-text")).ToHaveTextAsync("Saved by a plain form post.");
    }

    [BrowserFact]
    public async Task ADraftSurvivesAClosedTabAndIsRemovedOnceSaved()
    {
        var page = await app.NewPageAsync();
        await page.RegisterAsync(app);
        await page.GotoAsync("/journeys/communication/listen-actively");

        await page.GetByLabel("Your reflection", new() { Exact = true }).PressSequentiallyAsync("Half a thought");
        await page.ReloadAsync();
        await Expect(page.GetByLabel("Your reflection", new() { Exact = true })).ToHaveValueAsync("Half a thought");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save reflection" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        var drafts = await page.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => k.startsWith('draft:')).length");
        Assert.Equal(0, drafts);
    }

    [BrowserFact]
    public async Task AfterSavingTheBoxIsEmptyAndSavingTheSameFormAgainStoresNoCopy()
    {
        var page = await app.NewPageAsync();
        await page.RegisterAsync(app);
        await page.GotoAsync("/journeys/communication/speak-clearly-and-honestly");
        var box = page.GetByLabel("Your reflection", new() { Exact = true });

        await box.PressSequentiallyAsync("Said once.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save reflection" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Expect(page.Locator(".reflection-text")).ToHaveTextAsync(["Said once."]);
        await Expect(box).ToHaveValueAsync("");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => k.startsWith('draft:')).length"));

        // Back to the form as it was, which the browser fills in again, and Save again: still one reflection.
        await page.GoBackAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveCountAsync(0);
        await Expect(box).ToHaveValueAsync("Said once.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save reflection" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Expect(page.Locator(".reflection-text")).ToHaveTextAsync(["Said once."]);
    }

    [BrowserFact]
    public async Task ADoubleClickOnSaveStoresOneReflection()
    {
        var page = await app.NewPageAsync(width: 375, height: 667);
        await page.RegisterAsync(app);
        await page.GotoAsync("/journeys/communication/mind-non-verbal-signals");

        await page.GetByLabel("Your reflection", new() { Exact = true }).FillAsync("One click too many.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save reflection" }).DblClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await page.ReloadAsync();
        await Expect(page.Locator(".reflection-text")).ToHaveTextAsync(["One click too many."]);
    }

    [BrowserFact]
    public async Task ChoosingAPromptNamesItAboveTheBoxAndTheReflectionAnswersIt()
    {
        var page = await app.NewPageAsync(width: 375, height: 667);
        await page.RegisterAsync(app);
        await page.GotoAsync("/journeys/healing/seek-support");
        var choices = page.GetByRole(AriaRole.Group, new() { Name = "What would you like to write about?" });
        var prompt = (await choices.GetByRole(AriaRole.Radio).First.GetAttributeAsync("value"))!;

        await Expect(choices.GetByRole(AriaRole.Radio, new() { Name = "Something else on my mind" })).ToBeCheckedAsync();
        await choices.GetByRole(AriaRole.Radio, new() { Name = prompt }).CheckAsync();
        await Expect(page.GetByLabel("Your reflection", new() { Exact = true })).ToHaveAccessibleDescriptionAsync(new Regex("^Answering: " + Regex.Escape(prompt)));
        await page.ScreenshotAsync("step-prompt-chosen-phone-light");
        await page.WriteReflectionAsync("Someone I can call on a bad evening.");

        await Expect(page.Locator("#reflections .prompt")).ToHaveTextAsync(prompt);
    }

    [GeneratedRegex("^Continue: ")]
    private static partial Regex ContinueLink();
}

// Moves focus with Tab only, checking every stop shows a visible focus indicator.
public static class Keyboard
{
    public static async Task FocusAsync(IPage page, ILocator target)
    {
        for (var presses = 0; presses < 80; presses++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                var outline = await target.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle");
                Assert.NotEqual("none", outline);
                return;
            }
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"Tab never reached {target} on {page.Url}");
    }

    public static async Task ActivateAsync(IPage page, ILocator target)
    {
        await FocusAsync(page, target);
        await page.Keyboard.PressAsync("Enter");
    }

    public static async Task TypeIntoAsync(IPage page, ILocator field, string text)
    {
        await FocusAsync(page, field);
        await page.Keyboard.TypeAsync(text);
    }
}
