using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TrustAgain.BrowserTests;

// The account pages that keep an account safe, in a real browser: two-step set-up with its QR code under the
// strict CSP, the recovery codes, the reset page that offers to remove other sign-ins, the e-mail change pages
// and the development mail shortcut — each with zero axe violations, on a phone and a desktop, light and dark.
public sealed class AccountSecurityTests(UnthrottledBrowserApp app) : IClassFixture<UnthrottledBrowserApp>
{
    [BrowserFact]
    public async Task TwoStepSetUpShowsAQrCodeAndTheRecoveryCodesCanBeCopied()
    {
        var page = await app.NewPageAsync();
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var blocked = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                blocked.Add(message.Text);
            }
        };
        await page.RegisterAsync(app);
        await page.GotoAsync("/account/two-factor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up two-step sign-in" }).ClickAsync();

        var qr = page.Locator("figure.qr-code svg");
        await Expect(qr).ToBeVisibleAsync();
        var box = (await qr.BoundingBoxAsync())!;
        Assert.Equal(200, box.Width, 1.0);
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("account-two-factor-set-up");
        var key = await page.Locator("#authenticator-key").TextContentAsync();
        await page.GetByLabel("Six-digit code").FillAsync(Totp.Code(key!));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-step sign-in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your recovery codes" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy the codes" }).ClickAsync();
        await Expect(page.GetByText("Copied.")).ToBeVisibleAsync();
        var copied = await page.EvaluateAsync<string>("navigator.clipboard.readText()");
        var codes = await page.Locator(".recovery-codes code").AllTextContentsAsync();
        Assert.Equal(string.Join("\n", codes), copied);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Print them" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download as a text file" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("account-two-factor-recovery-codes");
        Assert.Empty(blocked);
    }

    [BrowserFact]
    public async Task TheResetAndEmailChangePagesAreAccessibleEverywhere()
    {
        foreach (var (viewport, width, height) in new[] { ("phone", 375, 667), ("desktop", 1280, 800) })
        {
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                var suffix = $"{viewport}-{scheme.ToString().ToLowerInvariant()}";
                var page = await app.NewPageAsync(width, height, scheme);
                var email = await page.RegisterAsync(app);

                await page.GotoAsync("/account/two-factor");
                await page.GetByRole(AriaRole.Button, new() { Name = "Set up two-step sign-in" }).ClickAsync();
                await page.GetByLabel("Six-digit code").FillAsync(Totp.Code((await page.Locator("#authenticator-key").TextContentAsync())!));
                await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-step sign-in" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your recovery codes" })).ToBeVisibleAsync();

                var newEmail = $"{Guid.NewGuid():N}@example.com";
                await page.GotoAsync("/account/email");
                await page.GetByLabel("New e-mail address").FillAsync(newEmail);
                await page.GetByLabel("Your password").FillAsync(Person.Password);
                await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
                await CheckAsync(page, "Check your new inbox", $"account-email-sent-{suffix}");
                await page.GetByRole(AriaRole.Link, new() { Name = "Open the newest message" }).ClickAsync();
                await CheckAsync(page, "Newest message", $"account-mail-newest-{suffix}");
                await page.GotoAsync(MailPickup.LinkIn(MailPickup.NewestTo(app.DataDirectory, newEmail), "/account/email/confirm"));
                await CheckAsync(page, "Confirm your new e-mail address", $"account-email-confirm-{suffix}");
                await page.GetByRole(AriaRole.Button, new() { Name = "Use this address" }).ClickAsync();
                await CheckAsync(page, "Your e-mail address has been changed", $"account-email-changed-{suffix}");

                await page.GotoAsync("/account/forgot-password");
                await page.GetByLabel("E-mail address").FillAsync(newEmail);
                await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
                await CheckAsync(page, "Reset your password", $"account-forgot-password-sent-{suffix}");
                await page.GotoAsync(MailPickup.LinkIn(MailPickup.NewestTo(app.DataDirectory, newEmail), "/account/reset-password"));
                await Expect(page.GetByText("These can also sign in to your account")).ToBeVisibleAsync();
                await CheckAsync(page, "Choose a new password", $"account-reset-password-{suffix}");
                Assert.NotEqual(email, newEmail);
                await page.Context.CloseAsync();
            }
        }
    }

    private static async Task CheckAsync(IPage page, string heading, string screenshot)
    {
        await Expect(page.Heading(heading)).ToBeVisibleAsync();
        await page.AssertFitsTheScreenAsync();
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync(screenshot);
    }
}
