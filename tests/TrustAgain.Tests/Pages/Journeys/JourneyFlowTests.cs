using System.Net;

namespace TrustAgain.Tests.Pages.Journeys;

public sealed class JourneyFlowTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AnonymousVisitorIsSentToSignInAndBack()
    {
        var visitor = _app.NewClient(followRedirects: false);
        var response = await visitor.GetAsync(JourneySteps.FirstStep);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-in", response.Headers.Location!.AbsolutePath);

        var email = $"{Guid.NewGuid():N}@example.com";
        (await _app.RegisteredClientAsync(email)).Dispose();
        var client = _app.NewClient();
        var signedIn = await client.SubmitAsync(response.Headers.Location.PathAndQuery, new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = People.Password,
        });
        Assert.Equal(JourneySteps.FirstStep, signedIn.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task ANewAccountIsToldWhereToStartUntilItBegins()
    {
        var client = await _app.RegisteredClientAsync();

        var first = await client.GetPageAsync("/journeys");
        await client.WriteAsync("/journeys/healing/acknowledge-the-pain", "A first few words.");
        var later = await client.GetPageAsync("/journeys");

        Assert.Equal("Where to start", first.QuerySelector("#start-heading")!.TextContent);
        Assert.Equal("/journeys/healing/acknowledge-the-pain", first.QuerySelector(".where-to-start a.button")!.GetAttribute("href"));
        Assert.Contains("Healing from betrayal", first.Text(".where-to-start"));
        Assert.Null(later.QuerySelector(".where-to-start"));
    }

    [Fact]
    public async Task APersonWorksThroughAJourneyAndFindsEverythingAfterARestart()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var client = await _app.RegisteredClientAsync(email);

        var journeys = await client.GetPageAsync("/journeys");
        Assert.Equal("Start Rebuilding trust", journeys.QuerySelector(".card-list a[href='/journeys/rebuilding-trust/acknowledge-the-breach']")!.TextContent.Trim());

        var id = await client.WriteReflectionAsync(JourneySteps.FirstStep, "First thoughts on what happened.");
        await client.SubmitAsync($"/journal/{id}/edit", new Dictionary<string, string> { ["Input.Text"] = "Clearer thoughts on what happened." });
        var doomed = await client.WriteReflectionAsync(JourneySteps.FirstStep, "Something I will delete.");
        await client.SubmitAsync($"/journal/{doomed}/delete", new Dictionary<string, string>());
        await client.MarkDoneAsync(JourneySteps.FirstStep);

        var journey = await client.GetPageAsync("/journeys/rebuilding-trust");
        Assert.Equal("1 of 5 steps done", journey.QuerySelector("p.meta")!.TextContent);
        Assert.Equal("1", journey.QuerySelector("progress")!.GetAttribute("value"));
        Assert.Equal(JourneySteps.SecondStep, journey.QuerySelector(".actions a")!.GetAttribute("href"));

        client.Dispose();
        await using var restarted = await _app.RestartAsync();
        var again = await restarted.SignedInClientAsync(email);

        var home = await again.GetPageAsync("/");
        Assert.Equal("Welcome back", home.QuerySelector("h1")!.TextContent);
        Assert.Equal(JourneySteps.SecondStep, home.QuerySelector(".actions a.button")!.GetAttribute("href"));
        Assert.Equal(["Clearer thoughts on what happened."], await again.ReflectionTextsAsync(JourneySteps.FirstStep));
        var list = await again.GetPageAsync("/journeys");
        Assert.Contains("1 of 5 steps done", list.Text());
    }

    [Fact]
    public async Task MarkingAStepNotDoneTakesItOutOfTheProgress()
    {
        var client = await _app.RegisteredClientAsync();
        await client.MarkDoneAsync(JourneySteps.FirstStep);
        await client.MarkDoneAsync(JourneySteps.FirstStep);

        var journey = await client.GetPageAsync("/journeys/rebuilding-trust");
        Assert.Equal("0 of 5 steps done", journey.QuerySelector("p.meta")!.TextContent);
    }

    [Fact]
    public async Task AnEmptyReflectionIsRefusedWithAMessageNextToTheBox()
    {
        var client = await _app.RegisteredClientAsync();

        var response = await client.WriteAsync(JourneySteps.FirstStep, "   \n  ");
        var page = await response.ParseAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Write something before saving", page.QuerySelector("#Input_Text-error")!.TextContent);
        Assert.Empty(page.QuerySelectorAll(".reflection-text"));
    }

    [Fact]
    public async Task AnOverLongReflectionIsRefusedAndTheTextIsStillInTheBox()
    {
        var client = await _app.RegisteredClientAsync();
        var text = "I need to say this. " + new string('x', 20_001);

        var response = await client.WriteAsync(JourneySteps.FirstStep, text, prompt: null);
        var page = await response.ParseAsync();

        Assert.Contains("longer than 20,000 characters", page.QuerySelector("#Input_Text-error")!.TextContent);
        Assert.Equal(text, page.QuerySelector("textarea")!.TextContent.TrimStart('\n'));
        Assert.Empty(page.QuerySelectorAll(".reflection-text"));
    }

    [Fact]
    public async Task AReflectionCanAnswerOneOfTheStepsPrompts()
    {
        var client = await _app.RegisteredClientAsync();
        var step = await client.GetPageAsync(JourneySteps.FirstStep);
        var prompt = step.QuerySelectorAll("fieldset input[type=radio][name='Input.Prompt']")[0].GetAttribute("value")!;

        var page = await (await client.WriteAsync(JourneySteps.FirstStep, "My answer.", prompt)).ParseAsync();

        Assert.Equal(prompt, page.QuerySelector("article.reflection .prompt")!.TextContent);
    }

    [Theory]
    [InlineData("<script>alert('x')</script>")]
    [InlineData("\"><img src=x onerror=alert(1)>")]
    [InlineData("שלום — مرحبا 💔 Supercalifragilisticexpialidociousandthensomemorewordsthatneverend")]
    public async Task WhatAPersonWritesIsShownExactlyAsTextNeverAsMarkup(string text)
    {
        var client = await _app.RegisteredClientAsync();

        var response = await client.WriteAsync(JourneySteps.FirstStep, text);
        var html = await response.Content.ReadAsStringAsync();
        var page = await new HttpResponseMessage { Content = new StringContent(html) }.ParseAsync();

        Assert.Equal(text, page.QuerySelector(".reflection-text")!.TextContent);
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.Empty(page.QuerySelectorAll("main img"));
    }

    [Fact]
    public async Task AnEditFromAStaleTabShowsBothVersionsAndOverwritesNothing()
    {
        var client = await _app.RegisteredClientAsync();
        var id = await client.WriteReflectionAsync(JourneySteps.FirstStep, "Original.");
        var staleTab = await client.GetPageAsync($"/journal/{id}/edit");
        var staleForm = (AngleSharp.Html.Dom.IHtmlFormElement)staleTab.QuerySelector("main form")!;

        await client.SubmitAsync($"/journal/{id}/edit", new Dictionary<string, string> { ["Input.Text"] = "Saved in the other tab." });
        var conflict = await client.SubmitAsync(staleForm, $"/journal/{id}/edit", new Dictionary<string, string> { ["Input.Text"] = "Typed in the stale tab." });
        var page = await conflict.ParseAsync();

        Assert.Contains("changed somewhere else", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal("Saved in the other tab.", page.QuerySelector("[role=alert] .reflection-text")!.TextContent);
        Assert.Equal("Typed in the stale tab.", page.QuerySelector("textarea")!.TextContent.TrimStart('\n'));
        Assert.Equal(["Saved in the other tab."], await client.ReflectionTextsAsync(JourneySteps.FirstStep));

        // Saving again from the conflict page is a deliberate choice, and it wins.
        await client.SubmitAsync((AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("main form")!, $"/journal/{id}/edit", new Dictionary<string, string>());
        Assert.Equal(["Typed in the stale tab."], await client.ReflectionTextsAsync(JourneySteps.FirstStep));
    }

    [Fact]
    public async Task DeletingAReflectionAsksFirst()
    {
        var client = await _app.RegisteredClientAsync();
        var id = await client.WriteReflectionAsync(JourneySteps.FirstStep, "Keep or delete?");

        var confirm = await client.GetPageAsync($"/journal/{id}/delete");

        Assert.Equal("Delete this reflection?", confirm.QuerySelector("h1")!.TextContent);
        Assert.Equal(["Keep or delete?"], await client.ReflectionTextsAsync(JourneySteps.FirstStep));
    }

    [Theory]
    [InlineData("/journeys/no-such-journey")]
    [InlineData("/journeys/rebuilding-trust/no-such-step")]
    [InlineData("/journeys/healing/acknowledge-the-breach")]
    public async Task AnUnknownJourneyOrStepIsA404(string url)
    {
        var client = await _app.RegisteredClientAsync();

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("We couldn't find that page", (await response.ParseAsync()).QuerySelector("h1")!.TextContent);
    }
}
