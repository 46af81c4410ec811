using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TrustAgain.Web.Content;
using static Microsoft.Playwright.Assertions;

namespace TrustAgain.BrowserTests;

// Installed on a phone with poor signal, often on a device someone else can pick up: the whole guide reads with no
// connection after one visit, a private page is never shown from a copy, and what is written offline is kept and
// sent with one press once the connection is back.
public sealed class OfflineTests(UnthrottledBrowserApp app) : IClassFixture<UnthrottledBrowserApp>
{
    private const string Step = "/journeys/healing/acknowledge-the-pain";

    // Everything in Cache Storage, as the page sees it: each cached address with its body.
    private const string CacheStorage = """
        async () => {
          const found = [];
          for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            for (const request of await cache.keys()) {
              const response = await cache.match(request);
              found.push({ cache: name, url: new URL(request.url).pathname, body: await response.text() });
            }
          }
          return found;
        }
        """;

    [BrowserFact]
    public async Task AfterOneVisitEveryGuideSectionAndTheSafetyPageReadWithNoConnection()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await ServiceWorkerReadyAsync(page);

        await page.Context.SetOfflineAsync(true);
        await page.GotoAsync("/guide");
        await Expect(page.Heading("The guide")).ToBeVisibleAsync();
        foreach (var section in app.Services.GetRequiredService<GuideLibrary>().Sections)
        {
            await page.GotoAsync($"/guide/{section.Key}");
            await Expect(page.Heading(section.Title)).ToBeVisibleAsync();
        }
        await page.GetByRole(AriaRole.Link, new() { Name = "Safety and support", Exact = true }).ClickAsync();
        await Expect(page.Heading(app.Services.GetRequiredService<GuideLibrary>().Safety.Title)).ToBeVisibleAsync();
        // The kept stylesheet applies too: the page has its calm background, not the browser's white.
        Assert.Equal("rgb(251, 248, 243)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
    }

    [BrowserFact]
    public async Task ASignedInPageWithNoConnectionShowsTheOfflinePageAndNothingPersonal()
    {
        var page = await app.NewPageAsync();
        var email = await page.RegisterAsync(app);
        await page.GotoAsync(Step);
        await page.WriteReflectionAsync("The harbour wall where I finally said it out loud.");
        // The worker was installed before signing up; install it afresh from a signed-in page, as after an update.
        await page.EvaluateAsync("""
            async () => {
              for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
              for (const name of await caches.keys()) await caches.delete(name);
            }
            """);
        await page.GotoAsync("/journal");
        await ServiceWorkerReadyAsync(page);

        await page.Context.SetOfflineAsync(true);
        foreach (var url in new[] { "/journal", Step, "/journeys", "/insights", "/commitments", "/account" })
        {
            await page.GotoAsync(url);
            await Expect(page.Heading("No connection just now")).ToBeVisibleAsync();
            var shown = await page.ContentAsync();
            Assert.DoesNotContain("harbour wall", shown, StringComparison.Ordinal);
            Assert.DoesNotContain(email, shown, StringComparison.Ordinal);
        }
        await AssertNothingPersonalCachedAsync(page, "harbour wall", email);
    }

    [BrowserFact]
    public async Task AReflectionWrittenOfflineSurvivesClosingTheTabAndIsSavedOnceWithOnePressWhenBackOnline()
    {
        var page = await app.NewPageAsync();
        await page.RegisterAsync(app);
        await page.GotoAsync(Step);
        await ServiceWorkerReadyAsync(page);

        await page.Context.SetOfflineAsync(true);
        await page.GetByLabel("Your reflection", new() { Exact = true }).FillAsync("Written on the train with no signal.");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "You're offline" })).ToBeVisibleAsync();
        var save = page.GetByRole(AriaRole.Button, new() { Name = "Save reflection" });
        await Expect(save).ToHaveAttributeAsync("aria-disabled", "true");
        // Forced: Playwright will not press a button marked disabled, and a person still can (it stays focusable).
        await save.ClickAsync(new() { Force = true });
        // The press waits: the page stays, with the text in its box.
        await Expect(page).ToHaveURLAsync(app.BaseUrl.TrimEnd('/') + Step);
        await Expect(page.GetByLabel("Your reflection", new() { Exact = true })).ToHaveValueAsync("Written on the train with no signal.");
        await page.CloseAsync();

        await page.Context.SetOfflineAsync(false);
        var again = await page.Context.NewPageAsync();
        await again.GotoAsync(Step);
        await Expect(again.GetByLabel("Your reflection", new() { Exact = true })).ToHaveValueAsync("Written on the train with no signal.");
        await again.GetByRole(AriaRole.Button, new() { Name = "Save reflection" }).ClickAsync();
        await Expect(again.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved" })).ToBeVisibleAsync();

        await again.GotoAsync("/journal");
        await Expect(again.Locator(".reflection-text")).ToHaveTextAsync(["Written on the train with no signal."]);
    }

    [BrowserFact]
    public async Task AnEditMadeOfflineSurvivesClosingTheTabAndIsSavedWithOnePressWhenBackOnline()
    {
        var page = await app.NewPageAsync();
        await page.RegisterAsync(app);
        await page.GotoAsync(Step);
        await page.WriteReflectionAsync("First thoughts on the bridge.");
        await page.GotoAsync("/journal");
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit this reflection" }).ClickAsync();
        await Expect(page.Heading("Edit reflection")).ToBeVisibleAsync();
        var edit = page.Url;
        await ServiceWorkerReadyAsync(page);

        await page.Context.SetOfflineAsync(true);
        await page.GetByLabel("Your reflection", new() { Exact = true }).FillAsync("Second thoughts, written offline.");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "You're offline" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save changes" })).ToHaveAttributeAsync("aria-disabled", "true");
        await page.CloseAsync();

        await page.Context.SetOfflineAsync(false);
        var again = await page.Context.NewPageAsync();
        await again.GotoAsync(edit);
        await Expect(again.GetByLabel("Your reflection", new() { Exact = true })).ToHaveValueAsync("Second thoughts, written offline.");
        await again.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(again.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved" })).ToBeVisibleAsync();

        await again.GotoAsync("/journal");
        await Expect(again.Locator(".reflection-text")).ToHaveTextAsync(["Second thoughts, written offline."]);
        // Saved, so the draft is gone from the device.
        Assert.Empty(await again.EvaluateAsync<string[]>("() => Object.keys(localStorage).filter(key => key.startsWith('draft:'))"));
    }

    [BrowserFact]
    public async Task WhenTheConnectionReturnsThePageSaysSoAndOnePressSaves()
    {
        var page = await app.NewPageAsync();
        await page.RegisterAsync(app);
        await page.GotoAsync(Step);

        await page.Context.SetOfflineAsync(true);
        await page.GetByLabel("Your reflection", new() { Exact = true }).FillAsync("The tunnel went on longer than I thought.");
        await page.Context.SetOfflineAsync(false);
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "You're back online" })).ToBeVisibleAsync();
        var save = page.GetByRole(AriaRole.Button, new() { Name = "Save reflection" });
        await Expect(save).Not.ToHaveAttributeAsync("aria-disabled", "true");
        await save.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved" })).ToBeVisibleAsync();
        await Expect(page.Locator(".reflection-text")).ToHaveTextAsync(["The tunnel went on longer than I thought."]);
    }

    [BrowserFact]
    public async Task SigningOutClearsCacheStorageAndLeavesNothingPersonal()
    {
        var page = await app.NewPageAsync();
        var email = await page.RegisterAsync(app);
        await page.GotoAsync(Step);
        await page.WriteReflectionAsync("The letter I never sent.");
        await ServiceWorkerReadyAsync(page);
        await PutSomethingInCacheStorageAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.Heading("You are signed out")).ToBeVisibleAsync();

        await AssertClearedAsync(page, "The letter I never sent.", email);
    }

    [BrowserFact]
    public async Task DeletingTheAccountClearsCacheStorageAndLeavesNothingPersonal()
    {
        var page = await app.NewPageAsync();
        var email = await page.RegisterAsync(app);
        await page.GotoAsync(Step);
        await page.WriteReflectionAsync("What I would say at the kitchen table.");
        await ServiceWorkerReadyAsync(page);
        await PutSomethingInCacheStorageAsync(page);

        await page.GotoAsync("/account/delete");
        await page.GetByLabel("Enter your password to confirm").FillAsync(Person.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account and journal" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(app.BaseUrl.TrimEnd('/') + "/account/deleted");

        await AssertClearedAsync(page, "What I would say at the kitchen table.", email);
    }

    [BrowserFact]
    public async Task TheManifestIsValidAndChromiumFindsTheAppInstallable()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await ServiceWorkerReadyAsync(page);
        var cdp = await page.Context.NewCDPSessionAsync(page);

        var manifest = (await cdp.SendAsync("Page.getAppManifest"))!.Value;
        Assert.Empty(manifest.GetProperty("errors").EnumerateArray());
        using var parsed = JsonDocument.Parse(manifest.GetProperty("data").GetString()!);
        Assert.Equal("Notes", parsed.RootElement.GetProperty("name").GetString());

        var installability = (await cdp.SendAsync("Page.getInstallabilityErrors"))!.Value;
        var errors = installability.GetProperty("installabilityErrors").EnumerateArray()
            .Select(error => error.GetProperty("errorId").GetString())
            // Playwright's browser contexts are off the record, like a private window, where no browser installs
            // apps; every criterion that depends on the app itself must pass.
            .Where(id => id != "in-incognito")
            .ToList();
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task TheOfflinePageIsAccessibleInEveryViewportAndScheme()
    {
        foreach (var (viewport, width, height) in new[] { ("phone", 375, 667), ("desktop", 1280, 800) })
        {
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                var page = await app.NewPageAsync(width, height, scheme);
                await page.RegisterAsync(app);
                await page.GotoAsync(Step);
                await ServiceWorkerReadyAsync(page);
                await page.Context.SetOfflineAsync(true);

                // The reflection form as it stands with no connection: its note and the waiting button.
                await page.GetByLabel("Your reflection", new() { Exact = true }).FillAsync("Kept here for now.");
                await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "You're offline" })).ToBeVisibleAsync();
                // Filling the box scrolled it into view under the header, which always stays on screen.
                await page.EvaluateAsync("() => window.scrollTo(0, 0)");
                await page.AssertFitsTheScreenAsync();
                await page.AssertAccessibleAsync();
                await page.ScreenshotAsync($"reflection-offline-{viewport}-{scheme.ToString().ToLowerInvariant()}");

                await page.GotoAsync("/journal");
                await Expect(page.Heading("No connection just now")).ToBeVisibleAsync();
                await page.AssertFitsTheScreenAsync();
                await page.AssertAccessibleAsync();
                await page.ScreenshotAsync($"offline-{viewport}-{scheme.ToString().ToLowerInvariant()}");
                await page.Context.CloseAsync();
            }
        }
    }

    // The worker has kept everything it keeps once it is active: it is activated only after its install finished.
    // An install that fails (a page it would keep answered no-store) never becomes ready, so the wait is bounded.
    private static async Task ServiceWorkerReadyAsync(IPage page) =>
        Assert.Equal("/", await page.EvaluateAsync<string>("""
            async () => {
              const late = new Promise(resolve => setTimeout(() => resolve("not ready after 30 seconds"), 30000));
              const ready = navigator.serviceWorker.ready.then(registration => new URL(registration.scope).pathname);
              return await Promise.race([ready, late]);
            }
            """));

    // Anything at all in Cache Storage before signing out, so the test can see it go.
    private static async Task PutSomethingInCacheStorageAsync(IPage page) =>
        await page.EvaluateAsync("async () => (await caches.open('left-behind')).put('/left-behind', new Response('left behind'))");

    private static async Task AssertClearedAsync(IPage page, string text, string email)
    {
        Assert.DoesNotContain("left-behind", await page.EvaluateAsync<string[]>("() => caches.keys()"));
        await AssertNothingPersonalCachedAsync(page, text, email);
    }

    // Whatever is cached is a public page or file, and no cached body holds what the person wrote or their address.
    private static async Task AssertNothingPersonalCachedAsync(IPage page, string text, string email)
    {
        string[] personal = ["/journal", "/journeys", "/insights", "/commitments", "/account", "/check-in", "/together"];
        foreach (var entry in (await page.EvaluateAsync<JsonElement>(CacheStorage)).EnumerateArray())
        {
            var url = entry.GetProperty("url").GetString()!;
            var body = entry.GetProperty("body").GetString()!;
            Assert.DoesNotContain(personal, prefix => url.StartsWith(prefix, StringComparison.Ordinal));
            Assert.DoesNotContain(text, body, StringComparison.Ordinal);
            Assert.DoesNotContain(email, body, StringComparison.Ordinal);
            // A page rendered for a signed-in person has the sign-out form in its header; a visitor's never does.
            Assert.DoesNotContain("action=\"/account/sign-out\"", body, StringComparison.Ordinal);
        }
    }
}
