using Microsoft.Playwright;

namespace TrustAgain.BrowserTests;

public sealed class HostileInputBrowserTests(UnthrottledBrowserApp app) : IClassFixture<UnthrottledBrowserApp>
{
    [BrowserFact]
    public async Task NoHostileReflectionEverRunsAsScript()
    {
        var page = await app.NewPageAsync();
        var dialogs = 0;
        page.Dialog += async (_, dialog) => { dialogs++; await dialog.DismissAsync(); };
        await page.RegisterAsync(app);
        const string step = "/journeys/communication/speak-clearly-and-honestly";
        await page.GotoAsync(step);
        var token = await page.Locator("form[action*='handler=Reflect'] input[name=__RequestVerificationToken]").GetAttributeAsync("value");

        // Posted from inside the page, as its own form would be, with the browser's cookies: seconds for 500+ entries.
        // Each string travels to the page as base64, because Playwright's protocol cannot carry a NUL character.
        // Strings holding NUL are left out: the page's script removes NUL before a form is ever sent (tested below).
        var posted = HostileStrings.All.Where(t => !t.Contains('\0')).ToList();
        foreach (var text in posted)
        {
            var outcome = await page.EvaluateAsync<string>("""
                async ([url, encoded, token]) => {
                  const text = new TextDecoder().decode(Uint8Array.from(atob(encoded), c => c.charCodeAt(0)));
                  const body = new URLSearchParams({ 'Input.Text': text, '__RequestVerificationToken': token });
                  const response = await fetch(url, { method: 'POST', body, redirect: 'manual' });
                  return response.type === 'opaqueredirect' ? 'saved' : String(response.status);
                }
                """, new object[] { $"{step}?handler=Reflect", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)), token! });
            Assert.Equal("saved", outcome);
        }

        await page.GotoAsync(step);
        Assert.Equal(posted.Count, await page.Locator(".reflection-text").CountAsync());
        await AssertNothingRanAsync(page);
        await page.GotoAsync("/journal");
        await AssertNothingRanAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit this reflection" }).First.ClickAsync();
        await AssertNothingRanAsync(page);
        Assert.Equal(0, dialogs);
    }

    [BrowserFact]
    public async Task TheReflectionBoxDropsNulCharactersSoTheFormCanBeSent()
    {
        var page = await app.NewPageAsync();
        await page.RegisterAsync(app);
        await page.GotoAsync("/journeys/communication/mind-non-verbal-signals");
        var box = page.GetByLabel("Your reflection", new() { Exact = true });

        await box.EvaluateAsync("(box) => { box.value = 'before' + String.fromCharCode(0) + 'after'; box.dispatchEvent(new Event('input')); }");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save reflection" }).ClickAsync();

        await Assertions.Expect(page.Locator(".reflection-text")).ToHaveTextAsync("beforeafter");
    }

    private static async Task AssertNothingRanAsync(IPage page) =>
        Assert.False(await page.EvaluateAsync<bool>($"() => window.{HostileStrings.Marker} !== undefined"), $"a payload ran on {page.Url}");
}
