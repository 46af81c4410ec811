using Microsoft.Playwright;

namespace TrustAgain.BrowserTests.Support;

// What a person does in the browser, found by roles and labels as a screen reader would.
public static class Person
{
    public const string Password = "a calm quiet lake 42";

    // Signs up as a person does: the address, the link from the mail (in the app's pickup folder), a password.
    public static async Task<string> RegisterAsync(this IPage page, BrowserApp app, string? site = null)
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        await page.GotoAsync(site + "/account/register");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
        await Assertions.Expect(page.Heading("Check your inbox")).ToBeVisibleAsync();
        await page.GotoAsync(site + MailPickup.LinkIn(MailPickup.NewestTo(app.DataDirectory, email), "/account/finish-sign-up"));
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Password again").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Signs.ArrivedAsync(page, "/journeys", "Journeys");
        return email;
    }

    public static async Task SignInAsync(this IPage page, string email)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    public static async Task WriteReflectionAsync(this IPage page, string text)
    {
        await page.GetByLabel("Your reflection", new() { Exact = true }).FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save reflection" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
    }

    public static ILocator Heading(this IPage page, string name) =>
        page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 });
}

// Proof that a step happened, waited for directly. "The page finished loading" (the load event, or the network
// falling quiet) says nothing about which page it was, and on a busy machine it can take longer than the page
// itself: the address and the heading a person would read are what the next step depends on.
public static class Signs
{
    public static async Task ArrivedAsync(IPage page, string path, string heading)
    {
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(
            "^[^?#]*" + System.Text.RegularExpressions.Regex.Escape(path) + "([?#].*)?$"));
        await Assertions.Expect(page.Heading(heading)).ToBeVisibleAsync();
    }
}
