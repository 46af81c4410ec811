using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace TrustAgain.Tests.Pages.Journeys;

// Saving a reflection is idempotent per form: one form, one entry, however often it is sent.
public sealed class ReflectionFormTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TheSameFormSentTwiceStoresOneReflection()
    {
        var client = await _app.RegisteredClientAsync();
        var form = await ReflectFormAsync(client);
        var words = new Dictionary<string, string> { ["Input.Text"] = "Said once, sent twice." };

        await client.SubmitAsync(form, JourneySteps.FirstStep, words);
        await client.SubmitAsync(form, JourneySteps.FirstStep, words);

        Assert.Equal(["Said once, sent twice."], await client.ReflectionTextsAsync(JourneySteps.FirstStep));
    }

    [Fact]
    public async Task ADoubleClickThatSendsTheFormTwiceAtOnceStoresOneReflection()
    {
        var client = await _app.RegisteredClientAsync();
        var form = await ReflectFormAsync(client);
        var words = new Dictionary<string, string> { ["Input.Text"] = "Both clicks arrive together." };

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.SubmitAsync(form, JourneySteps.FirstStep, words)));

        Assert.All(answers, answer => Assert.True(answer.IsSuccessStatusCode, $"a submit answered {(int)answer.StatusCode}"));
        Assert.Equal(["Both clicks arrive together."], await client.ReflectionTextsAsync(JourneySteps.FirstStep));
    }

    [Fact]
    public async Task TheSameFormSentAgainWithOtherWordsKeepsBoth()
    {
        var client = await _app.RegisteredClientAsync();
        var form = await ReflectFormAsync(client);

        await client.SubmitAsync(form, JourneySteps.FirstStep, new Dictionary<string, string> { ["Input.Text"] = "The first version." });
        await client.SubmitAsync(form, JourneySteps.FirstStep, new Dictionary<string, string> { ["Input.Text"] = "Went back and wrote more." });

        Assert.Equal(["Went back and wrote more.", "The first version."], await client.ReflectionTextsAsync(JourneySteps.FirstStep));
    }

    [Fact]
    public async Task AfterASaveTheBoxIsEmptyAndTheNextFormIsANewOne()
    {
        var client = await _app.RegisteredClientAsync();
        var form = await ReflectFormAsync(client);

        var saved = await (await client.SubmitAsync(form, JourneySteps.FirstStep,
            new Dictionary<string, string> { ["Input.Text"] = "Saved and gone from the box." })).ParseAsync();

        Assert.Contains("Saved. Only you can read it.", saved.Text());
        Assert.Equal("", saved.QuerySelector<IHtmlTextAreaElement>("#Input_Text")!.Value);
        var next = saved.QuerySelector<IHtmlInputElement>("form[action*='handler=Reflect'] input[name='Input.FormId']")!.Value;
        Assert.NotEqual(form.QuerySelector<IHtmlInputElement>("input[name='Input.FormId']")!.Value, next);
        Assert.True(Guid.TryParse(next, out _));
    }

    [Fact]
    public async Task AFormShownAgainWithAnErrorKeepsItsIdSoItsLaterSaveIsStillOnce()
    {
        var client = await _app.RegisteredClientAsync();
        var form = await ReflectFormAsync(client);

        var refused = await (await client.SubmitAsync(form, JourneySteps.FirstStep,
            new Dictionary<string, string> { ["Input.Text"] = " " })).ParseAsync();
        var again = refused.QuerySelectorAll<IHtmlFormElement>("main form").First(f => (f.Action ?? "").Contains("handler=Reflect", StringComparison.Ordinal));

        Assert.Equal(form.QuerySelector<IHtmlInputElement>("input[name='Input.FormId']")!.Value,
            again.QuerySelector<IHtmlInputElement>("input[name='Input.FormId']")!.Value);
        await client.SubmitAsync(again, JourneySteps.FirstStep, new Dictionary<string, string> { ["Input.Text"] = "Now with words." });
        await client.SubmitAsync(again, JourneySteps.FirstStep, new Dictionary<string, string> { ["Input.Text"] = "Now with words." });
        Assert.Equal(["Now with words."], await client.ReflectionTextsAsync(JourneySteps.FirstStep));
    }

    [Fact]
    public async Task PromptsAreChoicesInPlainSightAndTheChosenOneIsKept()
    {
        var client = await _app.RegisteredClientAsync();
        var page = await client.GetPageAsync(JourneySteps.FirstStep);
        var choices = page.QuerySelectorAll<IHtmlInputElement>("fieldset input[type=radio][name='Input.Prompt']").ToList();
        var prompt = choices[0].Value;

        await client.WriteAsync(JourneySteps.FirstStep, "Answering the first prompt.", prompt);

        Assert.Equal("What would you like to write about?", page.QuerySelector("fieldset legend")!.TextContent);
        Assert.True(choices.Count >= 3, "each prompt and 'Something else on my mind' are choices");
        Assert.Equal("", choices[^1].Value);
        Assert.True(choices[^1].IsChecked);
        Assert.Empty(page.QuerySelectorAll("main select[name='Input.Prompt']"));
        var after = await client.GetPageAsync(JourneySteps.FirstStep);
        Assert.Equal(prompt, after.QuerySelector("#reflections .reflection .prompt")!.TextContent);
    }

    [Fact]
    public async Task DeletingAReflectionShowsOnlyItsWordsThenSaysCalmlyThatItIsGone()
    {
        var client = await _app.RegisteredClientAsync();
        var id = await client.WriteReflectionAsync(JourneySteps.FirstStep, "Words to let go of.");

        var confirm = await client.GetPageAsync($"/journal/{id}/delete");
        var deleted = await client.SubmitAsync($"/journal/{id}/delete", new Dictionary<string, string>());
        var page = await deleted.ParseAsync();

        Assert.Equal("Words to let go of.", confirm.QuerySelector("main blockquote")!.TextContent);
        Assert.Empty(confirm.QuerySelectorAll($"main a[href='/journal/{id}/edit'], main a[href='/journal/{id}/delete']"));
        Assert.Equal(JourneySteps.FirstStep, deleted.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("The reflection was deleted.", page.QuerySelector("#reflections [role=status]")!.TextContent);
        Assert.Empty(page.QuerySelectorAll(".reflection-text"));
    }

    private static async Task<IHtmlFormElement> ReflectFormAsync(HttpClient client) =>
        (await client.GetPageAsync(JourneySteps.FirstStep)).QuerySelectorAll<IHtmlFormElement>("main form")
            .First(f => (f.GetAttribute("action") ?? "").Contains("handler=Reflect", StringComparison.Ordinal)
                && f.QuerySelector("textarea#Input_Text") is not null);
}
