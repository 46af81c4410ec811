using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustAgain.Web.Data;

namespace TrustAgain.Tests.Pages.Insights;

public sealed class ThenAndNowTests : IDisposable
{
    private const string Prompt = "What exactly happened, described as plainly as you can, without softening or exaggerating it?";
    private const string OtherPrompt = "Which part of it is hardest for you to say out loud, and why might that be?";

    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task WithNothingAnsweredTwiceThePageSaysWhatWillAppear()
    {
        var client = await _app.RegisteredClientAsync();
        await client.WriteAsync(JourneySteps.FirstStep, "Only once.", Prompt);

        var page = await client.GetPageAsync("/insights/then-and-now");

        Assert.Equal("Nothing to compare yet", page.QuerySelector("#empty-heading")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("article.then-and-now"));
    }

    [Fact]
    public async Task EveryPromptAnsweredMoreThanOnceShowsItsFirstAndLatestAnswersWithDates()
    {
        var client = await _app.RegisteredClientAsync();
        await client.WriteAsync(JourneySteps.FirstStep, "I could not even name it.", Prompt);
        await client.WriteAsync(JourneySteps.FirstStep, "A middle answer.", Prompt);
        await client.WriteAsync(JourneySteps.FirstStep, "It was an affair, and it lasted a year.", Prompt);
        await client.WriteAsync(JourneySteps.FirstStep, "Answered once only.", OtherPrompt);
        await client.WriteAsync(JourneySteps.FirstStep, "No prompt, twice.");
        await client.WriteAsync(JourneySteps.FirstStep, "No prompt, twice.");
        await AgeReflectionAsync("I could not even name it.", TimeSpan.FromDays(40));

        var page = await client.GetPageAsync("/insights/then-and-now");

        var article = Assert.Single(page.QuerySelectorAll("article.then-and-now"));
        Assert.Equal(Prompt, article.QuerySelector("h2")!.TextContent);
        Assert.Contains("answered 3 times", article.QuerySelector(".meta")!.TextContent);
        var answers = article.QuerySelectorAll(".answer").ToList();
        Assert.Equal("I could not even name it.", answers[0].QuerySelector(".reflection-text")!.TextContent);
        Assert.Equal("It was an affair, and it lasted a year.", answers[1].QuerySelector(".reflection-text")!.TextContent);
        var then = DateTime.UtcNow.AddDays(-40);
        Assert.Equal($"Then · {then:d MMM yyyy}", Normalise(answers[0].QuerySelector(".answer-label")!.TextContent));
        Assert.StartsWith("Now · ", Normalise(answers[1].QuerySelector(".answer-label")!.TextContent));
    }

    [Fact]
    public async Task TheStepPageShowsTheFirstAnswerBesideAFreshBoxOnceItIsTwoWeeksOld()
    {
        var client = await _app.RegisteredClientAsync();
        await client.WriteAsync(JourneySteps.FirstStep, "My first answer.", Prompt);
        Assert.Null((await client.GetPageAsync(JourneySteps.FirstStep)).QuerySelector("#then-now-heading"));

        await AgeReflectionAsync("My first answer.", TimeSpan.FromDays(14));
        var page = await client.GetPageAsync(JourneySteps.FirstStep);

        var box = Assert.Single(page.QuerySelectorAll(".then-and-now"));
        Assert.Equal(Prompt, box.QuerySelector(".prompt-heading")!.TextContent);
        Assert.Equal("My first answer.", box.QuerySelector(".answer .reflection-text")!.TextContent);
        var form = (IHtmlFormElement)box.QuerySelector("form")!;
        Assert.Equal("", ((IHtmlTextAreaElement)form.QuerySelector("textarea")!).Value);

        var saved = await client.SubmitAsync(form, JourneySteps.FirstStep, new Dictionary<string, string> { ["Input.Text"] = "Now I can say it." });

        var after = await saved.ParseAsync();
        var newest = after.QuerySelector("#reflections article.reflection")!;
        Assert.Equal("Now I can say it.", newest.QuerySelector(".reflection-text")!.TextContent);
        Assert.Equal(Prompt, newest.QuerySelector(".prompt")!.TextContent);
        // The first answer stays the one shown, however many times the prompt is answered again.
        Assert.Equal("My first answer.", after.QuerySelector(".then-and-now .answer .reflection-text")!.TextContent);
    }

    [Fact]
    public async Task OnALaterPassThroughTheJourneyTheFirstAnswerIsShown()
    {
        var client = await _app.RegisteredClientAsync();
        await client.WriteAsync(JourneySteps.FirstStep, "Written on the first pass.", Prompt);

        var justDone = await (await client.SubmitAsync(JourneySteps.FirstStep, new Dictionary<string, string>(), action: "handler=Done")).ParseAsync();
        Assert.Null(justDone.QuerySelector("#then-now-heading"));

        var back = await client.GetPageAsync(JourneySteps.FirstStep);
        Assert.Equal("Written on the first pass.", back.QuerySelector(".then-and-now .answer .reflection-text")!.TextContent);
    }

    private async Task AgeReflectionAsync(string text, TimeSpan age)
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var journal = scope.ServiceProvider.GetRequiredService<TrustAgain.Web.Journal.ReflectionJournal>();
        var userIds = await db.Users.Select(u => u.Id).ToListAsync();
        foreach (var userId in userIds)
        {
            var entry = (await journal.AllAsync(userId)).FirstOrDefault(e => e.Text == text);
            if (entry is not null)
            {
                var at = DateTime.UtcNow - age;
                await db.Reflections.Where(r => r.Id == entry.Id).ExecuteUpdateAsync(set => set.SetProperty(r => r.CreatedAt, at).SetProperty(r => r.UpdatedAt, at));
                return;
            }
        }
        Assert.Fail($"No reflection reads \"{text}\".");
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
