using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TrustAgain.BrowserTests;

// A real WebAuthn ceremony in Chromium, with its virtual authenticator standing in for a phone or laptop.
public sealed class PasskeyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [BrowserFact]
    public async Task APersonAddsAPasskeyAndSignsInWithItAlone()
    {
        var page = await app.NewPageAsync();
        // A passkey belongs to a domain name, never to an IP address: reach the same server as "localhost".
        var site = app.BaseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        var authenticator = await page.Context.NewCDPSessionAsync(page);
        await authenticator.SendAsync("WebAuthn.enable");
        await authenticator.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2", ["transport"] = "internal", ["hasResidentKey"] = true,
                ["hasUserVerification"] = true, ["isUserVerified"] = true, ["automaticPresenceSimulation"] = true,
            },
        });

        var email = await page.RegisterAsync(app, site);

        await page.GotoAsync(site + "/account/passkeys");
        await page.GetByLabel("A name to recognise it by (optional)").FillAsync("This laptop");
        await page.GetByLabel("Your password").FillAsync("not my password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Expect(page.GetByText("That is not your password.")).ToBeVisibleAsync();

        await page.GetByLabel("Your password").FillAsync(Person.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your passkey has been added");
        await Expect(page.GetByText("This laptop")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GotoAsync(site + "/account/sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(site + "/");
        await page.GotoAsync(site + "/account");
        await Expect(page.GetByText(email)).ToBeVisibleAsync();
    }
}
