using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TrustAgain.BrowserTests;

// Forms and charts that fit the person using them: one row of numbers on a phone, a field only when it applies,
// marks that stay inside their chart, and every box as wide as the text beside it.
public sealed class LayoutTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [BrowserFact]
    public async Task TheZeroToTenScaleStaysOnOneRowOnAPhoneWithItsWordsAtTheEnds()
    {
        var page = await app.NewPageAsync(width: 375, height: 667);
        await page.RegisterAsync(app);
        await page.GotoAsync("/check-in");

        var options = page.GetByRole(AriaRole.Group, new() { Name = "How much do you trust them right now?" }).Locator(".scale-option span");
        var boxes = new List<LocatorBoundingBoxResult>();
        for (var i = 0; i < 11; i++)
        {
            boxes.Add((await options.Nth(i).BoundingBoxAsync())!);
        }
        Assert.All(boxes, box => Assert.Equal(boxes[0].Y, box.Y, 0.5));
        Assert.True(boxes[0].Width >= 24, $"each number is {boxes[0].Width}px wide");
        var ends = page.Locator(".scale-ends").First.Locator("span");
        Assert.Equal(boxes[0].X, (await ends.First.BoundingBoxAsync())!.X, 1.0);
        var high = (await ends.Last.BoundingBoxAsync())!;
        Assert.Equal(boxes[10].X + boxes[10].Width, high.X + high.Width, 1.0);
        await page.ScreenshotAsync("check-in-scale-phone-light");
    }

    [BrowserFact]
    public async Task NotesAndAgreementsCountTheirCharactersAsReflectionsDo()
    {
        var page = await app.NewPageAsync();
        await page.RegisterAsync(app);

        await page.GotoAsync("/check-in");
        await page.GetByLabel("A note (optional)").FillAsync("Twelve chars");
        await Expect(page.Locator("#Input_Note-count")).ToHaveTextAsync("12 of 2,000 characters");
        await page.GotoAsync("/commitments/new");
        await page.GetByLabel("The agreement").FillAsync("We talk.");
        await Expect(page.Locator("#Input_Wording-count")).ToHaveTextAsync("8 of 500 characters");
    }

    [BrowserFact]
    public async Task TheNewWordingFieldAppearsOnlyWhenRenegotiatingAndTheChartsMarksStayInsideItsBand()
    {
        var page = await app.NewPageAsync(width: 375, height: 667, scheme: ColorScheme.Dark);
        await page.RegisterAsync(app);
        var agreement = await page.AgreementWithHistoryAsync();
        await page.GotoAsync(agreement);

        var wording = page.GetByLabel("New wording (only when renegotiating)");
        await Expect(wording).ToBeHiddenAsync();
        await page.GetByLabel("Renegotiated", new() { Exact = false }).CheckAsync();
        await Expect(wording).ToBeVisibleAsync();
        await page.GetByLabel("Kept", new() { Exact = true }).CheckAsync();
        await Expect(wording).ToBeHiddenAsync();

        var band = (await page.Locator("svg.strip-chart .chart-window").BoundingBoxAsync())!;
        var marks = page.Locator("svg.strip-chart .mark");
        Assert.True(await marks.CountAsync() > 0);
        for (var i = 0; i < await marks.CountAsync(); i++)
        {
            var mark = (await marks.Nth(i).BoundingBoxAsync())!;
            // An entry older than 30 days sits wholly before the band; a newer one wholly inside it.
            var clearOfTheBand = mark.X + mark.Width < band.X - 1 || (mark.X > band.X + 1 && mark.X + mark.Width < band.X + band.Width - 1);
            Assert.True(clearOfTheBand && mark.Y > band.Y + 1 && mark.Y + mark.Height < band.Y + band.Height - 1,
                $"mark {i} at {mark.X},{mark.Y} ({mark.Width}×{mark.Height}) touches the band at {band.X},{band.Y} ({band.Width}×{band.Height})");
        }
        await Expect(page.Locator("svg.strip-chart text.chart-label").Last).ToHaveTextAsync("today");
        await page.ScreenshotAsync("commitment-chart-phone-dark");
    }

    [BrowserFact]
    public async Task ProgressBarsAndStepBoxesAreAsWideAsTheTextColumn()
    {
        var page = await app.NewPageAsync();
        await page.RegisterAsync(app);
        var column = await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.querySelector('main p')).maxWidth)");

        await page.GotoAsync("/journeys/boundaries");
        var progress = (await page.Locator("main progress").BoundingBoxAsync())!;
        await page.GotoAsync("/journeys/boundaries/set-clear-expectations");
        var done = (await page.Locator("section[aria-labelledby=done-heading]").BoundingBoxAsync())!;
        var agreement = (await page.Locator("section[aria-labelledby=agreement-heading]").BoundingBoxAsync())!;

        Assert.True(column is > 500 and < 800, $"the text column is {column}px");
        Assert.True(progress.Width <= column + 0.5, $"the progress bar is {progress.Width}px, the text {column}px");
        Assert.True(done.Width <= column + 0.5, $"'Finished with this step?' is {done.Width}px, the text {column}px");
        Assert.True(agreement.Width <= column + 0.5, $"'Agreed something concrete?' is {agreement.Width}px, the text {column}px");
    }
}
