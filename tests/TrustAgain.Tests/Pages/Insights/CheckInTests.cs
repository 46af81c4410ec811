using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustAgain.Web.Data;

namespace TrustAgain.Tests.Pages.Insights;

public sealed class CheckInTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ACheckInIsSavedAndShownBackOnInsights()
    {
        var client = await _app.RegisteredClientAsync();

        var response = await client.CheckInAsync(4, 7, ["hopeful", "anxious"], "Talked for an hour without shouting.");

        Assert.Equal("/insights", response.RequestMessage!.RequestUri!.AbsolutePath);
        var page = await response.ParseAsync();
        Assert.Equal("Check-in saved. Only you can see it.", page.QuerySelector("[role=status]")!.TextContent);
        var entry = page.QuerySelector(".check-in-entry")!;
        Assert.Equal("Trust 4 Safety 7", Normalise(entry.QuerySelector(".scores")!.TextContent));
        Assert.Equal(["hopeful", "anxious"], entry.QuerySelectorAll(".feeling-tags li").Select(li => li.TextContent));
        Assert.Equal("Talked for an hour without shouting.", entry.QuerySelector(".check-in-note")!.TextContent);
    }

    [Fact]
    public async Task TheFormAsksBothQuestionsAsKeyboardFriendlyRadioGroupsWithLegends()
    {
        var client = await _app.RegisteredClientAsync();

        var page = await client.GetPageAsync("/check-in");

        var legends = page.QuerySelectorAll("form.check-in fieldset legend").Select(l => Normalise(l.TextContent)).ToList();
        Assert.Equal(["How much do you trust them right now?", "How safe do you feel?", "Any of these feelings? (optional)"], legends);
        Assert.Equal(Enumerable.Range(0, 11).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            page.QuerySelectorAll<IHtmlInputElement>("input[name='Input.Trust']").Select(r => r.Value));
        Assert.All(page.QuerySelectorAll<IHtmlInputElement>("input[type=radio], input[type=checkbox]"),
            input => Assert.NotNull(input.Closest("label")));
        Assert.NotNull(page.QuerySelector("label[for=Input_Note]"));
    }

    [Fact]
    public async Task AMissingScoreIsExplainedAndEverythingChosenIsKept()
    {
        var client = await _app.RegisteredClientAsync();

        var response = await client.CheckInAsync(null, 6, ["calm", "sad"], "Keep this note.");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Equal("Choose a number from 0 to 10 for trust.", page.QuerySelector("#Input_Trust-error")!.TextContent);
        Assert.DoesNotContain(page.QuerySelectorAll<IHtmlInputElement>("input[name='Input.Trust']"), r => r.IsChecked);
        Assert.Equal("6", page.QuerySelectorAll<IHtmlInputElement>("input[name='Input.Safety']").Single(r => r.IsChecked).Value);
        Assert.Equal(["calm", "sad"], page.QuerySelectorAll<IHtmlInputElement>("input[name='Input.Feelings']").Where(c => c.IsChecked).Select(c => c.Value));
        Assert.Equal("Keep this note.", page.QuerySelector<IHtmlTextAreaElement>("#Input_Note")!.Value);
        Assert.Equal(0, await CountAsync());
    }

    [Theory]
    [InlineData("11", "5", "hopeful")]
    [InlineData("-1", "5", "hopeful")]
    [InlineData("5", "5", "furious")]
    [InlineData("5", "5", "<b>hopeful</b>")]
    public async Task ScoresOutsideZeroToTenAndFeelingsNotOnTheListAreRefused(string trust, string safety, string feeling)
    {
        var client = await _app.RegisteredClientAsync();
        var token = (await client.GetPageAsync("/check-in")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        var response = await client.PostAsync("/check-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Trust"] = trust, ["Input.Safety"] = safety, ["Input.Feelings"] = feeling,
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await response.ParseAsync()).QuerySelector(".alert.error"));
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task AnOverLongNoteIsRefusedButKeptInTheBox()
    {
        var client = await _app.RegisteredClientAsync();
        var note = new string('x', 2_001);

        var page = await (await client.CheckInAsync(5, 5, note: note)).ParseAsync();

        Assert.Contains("longer than 2,000 characters", page.QuerySelector("#Input_Note-error")!.TextContent);
        Assert.Equal(note, page.QuerySelector<IHtmlTextAreaElement>("#Input_Note")!.Value);
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task MarkingAStepDoneOffersACheckInTiedToThatStep()
    {
        var client = await _app.RegisteredClientAsync();

        var done = await client.SubmitAsync(JourneySteps.FirstStep, new Dictionary<string, string>(), action: "handler=Done");

        var offer = (await done.ParseAsync()).QuerySelector("#check-in")!;
        Assert.Contains("Well done for finishing this step.", offer.TextContent);
        var link = offer.QuerySelector("a")!.GetAttribute("href")!;
        Assert.Equal("/check-in?step=acknowledge-the-breach", link);
        Assert.Contains("After finishing Acknowledge what happened", Normalise((await client.GetPageAsync(link)).Text()));

        var saved = await (await client.CheckInAsync(3, 5, url: link)).ParseAsync();

        Assert.Contains("after finishing Acknowledge what happened", saved.QuerySelector(".check-in-entry .meta")!.TextContent);
        Assert.Null((await client.GetPageAsync(JourneySteps.FirstStep)).QuerySelector("#check-in"));
    }

    [Fact]
    public async Task AStepKeyThatIsNotInTheGuideIsIgnored()
    {
        var client = await _app.RegisteredClientAsync();

        await client.CheckInAsync(5, 5, url: "/check-in?step=not-a-step");

        using var scope = _app.Services.CreateScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<AppDbContext>().CheckIns.Select(c => c.StepKey).SingleAsync());
    }

    private async Task<int> CountAsync()
    {
        using var scope = _app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().CheckIns.CountAsync();
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
