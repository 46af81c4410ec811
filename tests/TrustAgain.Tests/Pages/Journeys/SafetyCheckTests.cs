using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustAgain.Web.Data;

namespace TrustAgain.Tests.Pages.Journeys;

public sealed class SafetyCheckTests : IDisposable
{
    private const string ForgivenessStep = "/journeys/forgiveness/release-resentment";

    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    private static Dictionary<string, string> Answers(string fear = "No", string threats = "No", string control = "No", string violence = "No") => new()
    {
        ["Answers[fear]"] = fear, ["Answers[threats]"] = threats, ["Answers[control]"] = control, ["Answers[violence]"] = violence,
    };

    [Theory]
    [InlineData("/journeys/forgiveness/release-resentment", "/journeys/forgiveness/safety-check?step=release-resentment")]
    [InlineData("/journeys/vulnerability/share-fears-and-insecurities", "/journeys/vulnerability/safety-check?step=share-fears-and-insecurities")]
    public async Task TheFirstVisitToAForgivenessOrVulnerabilityStepLeadsToTheSafetyCheck(string stepUrl, string checkUrl)
    {
        var client = await _app.RegisteredClientAsync();

        var response = await client.GetAsync(stepUrl);

        Assert.Equal(checkUrl, response.RequestMessage!.RequestUri!.PathAndQuery);
        var page = await response.ParseAsync();
        Assert.StartsWith("Before you begin", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(4, page.QuerySelectorAll("main fieldset legend").Length);
        Assert.All(page.QuerySelectorAll("main fieldset"), f => Assert.Equal(3, f.QuerySelectorAll("input[type=radio]").Length));
    }

    [Fact]
    public async Task OtherJourneysHaveNoSafetyCheck()
    {
        var client = await _app.RegisteredClientAsync();

        Assert.Equal(JourneySteps.FirstStep, (await client.GetAsync(JourneySteps.FirstStep)).RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/journeys/rebuilding-trust/safety-check")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/journeys/no-such-journey/safety-check")).StatusCode);
    }

    [Fact]
    public async Task AnsweringNoToEverythingGoesOnToTheStepAndTheCheckIsNotAskedAgainForThatJourney()
    {
        var client = await _app.RegisteredClientAsync();

        var response = await client.SubmitAsync("/journeys/forgiveness/safety-check?step=release-resentment", Answers());

        Assert.Equal(ForgivenessStep, response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(ForgivenessStep, (await client.GetAsync(ForgivenessStep)).RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("/journeys/vulnerability/safety-check",
            (await client.GetAsync("/journeys/vulnerability/build-shared-experiences")).RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Theory]
    [InlineData("fear", "Yes")]
    [InlineData("threats", "Yes")]
    [InlineData("control", "NotSure")]
    [InlineData("violence", "Yes")]
    public async Task AnAnswerThatSuggestsDangerShowsTheSafetyHelpAndSuggestsHealingButTheChoiceStaysOpen(string question, string answer)
    {
        var client = await _app.RegisteredClientAsync();
        var answers = Answers();
        answers[$"Answers[{question}]"] = answer;

        var response = await client.SubmitAsync("/journeys/forgiveness/safety-check?step=release-resentment", answers);

        var page = await response.ParseAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/journeys/forgiveness/safety-check", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("Thank you for answering", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("may not feel safe", page.QuerySelector("[role=status]")!.TextContent);
        // The safety page's own help, with its helplines.
        Assert.Contains("Where to get help", page.Text(".safety-help"));
        Assert.Contains("0808 2000 247", page.Text(".safety-help"));
        HelpLines.AssertEveryNumberIsALink(page.QuerySelector(".safety-help")!);
        Assert.Equal("Go to Healing from betrayal", page.QuerySelector("main a[href='/journeys/healing']")!.TextContent);
        var onwards = page.QuerySelector($"main a[href='{ForgivenessStep}']")!;
        Assert.Equal("Continue to Forgiveness and letting go", onwards.TextContent);
        Assert.DoesNotContain("fault", page.Text(".actions"), StringComparison.OrdinalIgnoreCase);

        var step = await client.GetAsync(ForgivenessStep);
        Assert.Equal(ForgivenessStep, step.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task AnUnansweredQuestionIsPointedOutAndTheOtherAnswersAreKept()
    {
        var client = await _app.RegisteredClientAsync();
        var answers = Answers(fear: "NotSure", violence: "No");
        answers.Remove("Answers[threats]");
        answers["KeepAnswers"] = "true";

        var page = await (await client.SubmitAsync("/journeys/vulnerability/safety-check", answers)).ParseAsync();

        Assert.Equal("Choose an answer. “Not sure” is fine.", page.QuerySelector("#answer-threats-error")!.TextContent);
        Assert.Equal("", page.QuerySelector("#answer-fear-error")!.TextContent);
        Assert.NotNull(page.QuerySelector("#answer-fear-NotSure[checked]"));
        Assert.NotNull(page.QuerySelector("#answer-violence-No[checked]"));
        Assert.NotNull(page.QuerySelector("input[name=KeepAnswers][checked]"));
        await using var scope = _app.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<AppDbContext>().SafetyChecks.CountAsync());
    }

    [Fact]
    public async Task OnlyTheFactOfTheCheckIsStoredUnlessThePersonAsksToKeepTheirAnswers()
    {
        var client = await _app.RegisteredClientAsync();

        await client.SubmitAsync("/journeys/forgiveness/safety-check", Answers(fear: "Yes", violence: "NotSure"));

        await using var scope = _app.Services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<AppDbContext>().SafetyChecks.SingleAsync();
        Assert.Equal("forgiveness", row.JourneyKey);
        Assert.Null(row.Answers);
        var again = await client.GetPageAsync("/journeys/forgiveness/safety-check");
        Assert.Contains("You took this check on", again.Text());
        Assert.Null(again.QuerySelector(".kept-answers"));
    }

    [Fact]
    public async Task KeptAnswersAreStoredEncryptedAndShownWhenTheCheckIsTakenAgain()
    {
        var client = await _app.RegisteredClientAsync();
        var answers = Answers(control: "Yes", violence: "NotSure");
        answers["KeepAnswers"] = "true";

        await client.SubmitAsync("/journeys/vulnerability/safety-check", answers);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var row = await scope.ServiceProvider.GetRequiredService<AppDbContext>().SafetyChecks.SingleAsync();
            Assert.NotNull(row.Answers);
            foreach (var plain in new[] { "control", "violence", "NotSure", "Yes" })
            {
                Assert.Equal(-1, row.Answers.AsSpan().IndexOf(Encoding.UTF8.GetBytes(plain)));
            }
        }
        var page = await client.GetPageAsync("/journeys/vulnerability/safety-check");
        Assert.Equal(["No", "No", "Yes", "Not sure"], page.QuerySelectorAll(".kept-answers dd").Select(d => d.TextContent));

        // Taking it again without keeping them forgets them.
        await client.SubmitAsync("/journeys/vulnerability/safety-check", Answers());
        Assert.Null((await client.GetPageAsync("/journeys/vulnerability/safety-check")).QuerySelector(".kept-answers"));
        await using var after = _app.Services.CreateAsyncScope();
        Assert.Null((await after.ServiceProvider.GetRequiredService<AppDbContext>().SafetyChecks.SingleAsync()).Answers);
    }

    [Fact]
    public async Task TheJourneyPageOffersTheCheckAgain()
    {
        var client = await _app.RegisteredClientAsync();

        var page = await client.GetPageAsync("/journeys/forgiveness");

        Assert.Equal("take that check again", page.QuerySelector("main a[href='/journeys/forgiveness/safety-check']")!.TextContent);
        Assert.Null((await client.GetPageAsync("/journeys/boundaries")).QuerySelector("main a[href$='/safety-check']"));
    }

    [Fact]
    public async Task OnePersonsCheckDoesNotCountForAnother()
    {
        var first = await _app.RegisteredClientAsync();
        var second = await _app.RegisteredClientAsync();
        await first.SubmitAsync("/journeys/forgiveness/safety-check", Answers());

        Assert.Equal("/journeys/forgiveness/safety-check", (await second.GetAsync(ForgivenessStep)).RequestMessage!.RequestUri!.AbsolutePath);
        Assert.DoesNotContain("You took this check on", (await second.GetPageAsync("/journeys/forgiveness/safety-check")).Text());
    }
}
