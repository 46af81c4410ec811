using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace TrustAgain.BrowserTests.Support;

public static class PageChecks
{
    private static readonly List<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

    // axe-core, WCAG 2.2 AA rules and best practice: zero violations of any impact. Every page checked here is also
    // checked as HTML, since what assistive technology reads is the document the browser parsed.
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags } });
        var violations = result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}");
        Assert.True(result.Violations.Length == 0, $"{page.Url}: {string.Join("; ", violations)}");
        await page.AssertValidHtmlAsync();
    }

    // The Nu HTML Checker on the page as it stands (after our script ran): zero errors.
    public static async Task AssertValidHtmlAsync(this IPage page)
    {
        var errors = await HtmlChecker.ErrorsAsync(await page.ContentAsync());
        Assert.True(errors.Count == 0, $"{page.Url}: {errors.Count} HTML errors: {string.Join("; ", errors)}");
    }

    // Nothing scrolls sideways, and no two controls that are shown sit on top of each other. (The links of a closed
    // menu have a place on the page but are not shown: checkVisibility leaves them out.)
    public static async Task AssertFitsTheScreenAsync(this IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{page.Url} scrolls sideways by {overflow}px");

        var overlaps = await page.EvaluateAsync<string[]>("""
            () => {
              const visible = [...document.querySelectorAll('a, button, input:not([type=hidden]), select, textarea, progress')]
                .filter(e => { const r = e.getBoundingClientRect();
                               return r.width > 1 && r.height > 1 && e.checkVisibility({ visibilityProperty: true }) && !e.closest('.skip-link'); });
              const found = [];
              for (let i = 0; i < visible.length; i++) for (let j = i + 1; j < visible.length; j++) {
                const a = visible[i], b = visible[j];
                if (a.contains(b) || b.contains(a)) continue;
                const r = a.getBoundingClientRect(), q = b.getBoundingClientRect();
                const w = Math.min(r.right, q.right) - Math.max(r.left, q.left), h = Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top);
                if (w > 2 && h > 2) found.push(`${a.outerHTML.slice(0, 60)} overlaps ${b.outerHTML.slice(0, 60)}`);
              }
              return found;
            }
            """);
        Assert.True(overlaps.Length == 0, $"{page.Url}: {string.Join("; ", overlaps)}");
    }

    public static async Task ScreenshotAsync(this IPage page, string name) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(Repository.Screenshots, name + ".png"), FullPage = true });
}
