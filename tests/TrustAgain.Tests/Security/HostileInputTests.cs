using AngleSharp.Dom;

namespace TrustAgain.Tests.Security;

public sealed class HostileInputTests : IDisposable
{
    private readonly TestApp _app = new(settings: new Dictionary<string, string>
    {
        ["TrustAgain:RateLimits:ReflectionSavesPerMinute"] = "100000",
        ["TrustAgain:RateLimits:AccountFormsPerMinute"] = "100000",
        ["TrustAgain:RateLimits:ExpensiveRequestsPerMinute"] = "100000",
        ["TrustAgain:RateLimits:TogetherFormsPerMinute"] = "100000",
    });

    public void Dispose() => _app.Dispose();

    [Fact]
    public void ThereAreAtLeastFiveHundredHostileStrings() => Assert.True(HostileStrings.All.Count >= 500, $"{HostileStrings.All.Count}");

    [Fact]
    public async Task HostileReflectionsAreStoredAndShownOnlyAsText()
    {
        var client = await _app.RegisteredClientAsync();
        foreach (var text in HostileStrings.All)
        {
            var response = await client.WriteAsync(JourneySteps.SecondStep, text);
            if (text.Contains('\0'))
            {
                // ASP.NET Core refuses any url-encoded form holding NUL (%00); the page's script drops NUL as it is typed.
                Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
                Assert.Equal("That request couldn't be completed", (await response.ParseAsync()).QuerySelector("h1")!.TextContent);
            }
            else
            {
                Assert.True(response.RequestMessage!.RequestUri!.Query.Contains("saved=true", StringComparison.Ordinal),
                    $"saving {Describe(text)} answered {(int)response.StatusCode}");
            }
        }

        var stepPage = await AssertInertAsync(await client.GetAsync(JourneySteps.SecondStep));
        // Every entry reads back as the text that was typed (white space aside: HTML forms normalise line ends).
        var shown = stepPage.QuerySelectorAll(".reflection-text").Select(p => Words(p.TextContent)).ToHashSet();
        foreach (var text in HostileStrings.All.Where(t => !t.Any(c => char.IsControl(c) && !char.IsWhiteSpace(c))))
        {
            Assert.Contains(Words(text), shown);
        }

        var journalPages = 0;
        for (var url = "/journal"; url is not null; journalPages++)
        {
            var page = await AssertInertAsync(await client.GetAsync(url));
            url = page.QuerySelector("a[rel=next]")?.GetAttribute("href")!;
        }
        Assert.True(journalPages >= 25, $"{journalPages} journal pages");
        var firstId = JourneySteps.ReflectionId(stepPage.QuerySelector("article.reflection")!);
        await AssertInertAsync(await client.GetAsync($"/journal/{firstId}/edit"));
        await AssertInertAsync(await client.GetAsync($"/journal/{firstId}/delete"));
        var markdown = await client.GetStringAsync("/journal/export.md");
        Assert.Contains("<script>window.__pwned=1</script>", markdown);  // the export is the person's own text, as written
        Assert.Equal("text/markdown", (await client.GetAsync("/journal/export.md")).Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task HostileAgreementsNotesAndRenegotiationsAreStoredAndShownOnlyAsText()
    {
        var client = await _app.RegisteredClientAsync();
        var id = await client.AgreeAsync("A plain agreement to log against.");
        var token = (await client.GetPageAsync("/commitments/new")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var fitting = HostileStrings.All.Where(t => !t.Contains('\0') && !string.IsNullOrWhiteSpace(t) && t.Length <= 500).ToList();
        foreach (var text in HostileStrings.All)
        {
            var agreed = await client.PostAsync("/commitments/new", Form(token, ["Input.Wording", text]));
            var noted = await client.PostAsync($"/commitments/{id}", Form(token, ["Log.Outcome", "Kept"], ["Log.On", CommitmentSteps.Day(0)], ["Log.Note", text]));
            var reworded = await client.PostAsync($"/commitments/{id}", Form(token, ["Log.Outcome", "Renegotiated"], ["Log.On", CommitmentSteps.Day(0)], ["Log.NewWording", text]));
            foreach (var response in new[] { agreed, noted, reworded })
            {
                Assert.True((int)response.StatusCode < 500, $"{response.RequestMessage!.RequestUri} with {Describe(text)} answered {(int)response.StatusCode}");
                if (fitting.Contains(text))
                {
                    // Saved, and redirected to the page that shows it.
                    Assert.True(response.RequestMessage!.Method == HttpMethod.Get, $"{Describe(text)} was not saved");
                }
            }
        }

        var list = await AssertInertAsync(await client.GetAsync("/commitments"));
        var page = await AssertInertAsync(await client.GetAsync($"/commitments/{id}"));
        await AssertInertAsync(await client.GetAsync($"/commitments/{id}/delete"));
        // Every agreement, note and new wording reads back as typed (white space aside: forms normalise line ends).
        var agreements = list.QuerySelectorAll(".commitment h2 a").Select(a => Words(a.TextContent)).ToHashSet();
        var notes = page.QuerySelectorAll(".record-note").Select(p => Words(p.TextContent)).ToHashSet();
        var wordings = page.QuerySelectorAll(".record-after").Select(p => Words(p.TextContent)).ToHashSet();
        foreach (var text in fitting.Where(t => !t.Any(c => char.IsControl(c) && !char.IsWhiteSpace(c))))
        {
            Assert.Contains(Words(text), agreements);
            Assert.Contains(Words(text), notes);
            Assert.Contains(Words(text), wordings);
        }
        Assert.DoesNotContain(_app.Logs.Lines, line => line.Contains(HostileStrings.Marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task HostileCheckInNotesAreStoredAndShownOnlyAsText()
    {
        var client = await _app.RegisteredClientAsync();
        var saved = new List<string>();
        foreach (var text in HostileStrings.All)
        {
            var response = await client.CheckInAsync(5, 5, ["calm"], text);
            if (text.Contains('\0'))
            {
                Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
                continue;
            }
            // Too long for a note: refused, and the page showing it back must be as inert as any other.
            var page = await AssertInertAsync(response);
            if (response.RequestMessage!.RequestUri!.AbsolutePath == "/insights")
            {
                saved.Add(text);
            }
            else
            {
                Assert.NotNull(page.QuerySelector("#Input_Note-error:not(:empty)"));
            }
        }
        Assert.True(saved.Count >= 400, $"{saved.Count} notes saved");

        var insights = await AssertInertAsync(await client.GetAsync("/insights"));
        var shown = insights.QuerySelectorAll(".check-in-note").Select(p => Words(p.TextContent)).ToHashSet();
        foreach (var text in saved.Where(t => !string.IsNullOrWhiteSpace(t) && !t.Any(c => char.IsControl(c) && !char.IsWhiteSpace(c))))
        {
            Assert.Contains(Words(text), shown);
        }
        Assert.Equal(2, insights.QuerySelectorAll("svg").Length);
        Assert.DoesNotContain(_app.Logs.Lines, line => line.Contains(HostileStrings.Marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task HostileTextInACounsellorSummaryIsShownOnlyAsText()
    {
        var client = await _app.RegisteredClientAsync();
        var token = (await client.GetPageAsync("/journal/summary")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        // Many strings to a reflection keep this to a few dozen requests while every string still passes through the
        // blanking textarea, the summary and its hidden fields. Strings holding "[[" go last in their batch, because
        // they leave out everything after them.
        var batches = Batches(HostileStrings.All.Where(t => !t.Contains('\0')).OrderBy(t => t.Contains("[[", StringComparison.Ordinal)), 19_000);
        foreach (var batch in batches)
        {
            var text = string.Join('\n', batch);
            var id = await client.WriteReflectionAsync(JourneySteps.SecondStep, text);
            var blanking = await AssertInertAsync(await client.PostAsync("/journal/summary?handler=Blank", Form(token, ["Choice.ReflectionIds", id.ToString()])));
            var summary = await AssertInertAsync(await client.PostAsync("/journal/summary?handler=Summary",
                Form(token, ["Choice.ReflectionIds", id.ToString()], [$"Choice.Texts[{id}]", text])));
            var markdown = await client.PostAsync("/journal/summary?handler=Markdown", Form(token, ["Choice.ReflectionIds", id.ToString()], [$"Choice.Texts[{id}]", text]));

            Assert.Equal(Words(text), Words(blanking.QuerySelector($"textarea#text-{id}")!.TextContent));
            var shown = Words(summary.QuerySelector(".counsellor-summary .reflection-text")!.TextContent);
            foreach (var typed in batch.Where(t => !t.Contains("[[", StringComparison.Ordinal) && !t.Any(c => char.IsControl(c) && !char.IsWhiteSpace(c))))
            {
                Assert.Contains(Words(typed), shown, StringComparison.Ordinal);
            }
            Assert.Equal("text/markdown", markdown.Content.Headers.ContentType!.MediaType);
        }
        Assert.DoesNotContain(_app.Logs.Lines, line => line.Contains(HostileStrings.Marker, StringComparison.Ordinal));
    }

    private static List<List<string>> Batches(IEnumerable<string> texts, int maxLength)
    {
        List<List<string>> batches = [[]];
        foreach (var text in texts)
        {
            if (batches[^1].Count > 0 && batches[^1].Sum(t => t.Length + 1) + text.Length > maxLength)
            {
                batches.Add([]);
            }
            batches[^1].Add(text);
        }
        return batches;
    }

    [Fact]
    public async Task HostileSearchesAndFormFieldsAreNeverEchoedAsMarkup()
    {
        var client = await _app.RegisteredClientAsync();
        var visitor = _app.NewClient();
        var signUpLink = await _app.SignUpLinkAsync($"{Guid.NewGuid():N}@example.com");
        foreach (var text in HostileStrings.All.Where(t => t.Length < 2_000))
        {
            await AssertInertAsync(await client.SubmitAsync("/journal", new Dictionary<string, string> { ["q"] = text }));
            await AssertInertAsync(await visitor.GetAsync("/search?q=" + Uri.EscapeDataString(text)));
            await AssertInertAsync(await visitor.SubmitAsync("/account/register", new Dictionary<string, string> { ["Input.Email"] = text }));
            await AssertInertAsync(await visitor.GetAsync("/account/finish-sign-up?token=" + Uri.EscapeDataString(text)));
            await AssertInertAsync(await visitor.SubmitAsync(signUpLink, new Dictionary<string, string>
            {
                ["Input.Password"] = text, ["Input.ConfirmPassword"] = text + "!",
            }));
            await AssertInertAsync(await visitor.SubmitAsync(signUpLink, new Dictionary<string, string> { ["Token"] = text }));
            await AssertInertAsync(await client.SubmitAsync("/account/reminders", new Dictionary<string, string>
            {
                ["Input.Enabled"] = "true", ["Input.Cadence"] = text, ["Input.Time"] = text, ["Input.TimeZone"] = text, ["Input.QuietDays"] = text,
            }));
            await AssertInertAsync(await visitor.GetAsync("/reminders/stop?t=" + Uri.EscapeDataString(text)));
            await AssertInertAsync(await visitor.PostAsync("/reminders/stop?t=" + Uri.EscapeDataString(text), new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")])));
        }
        Assert.DoesNotContain(_app.Logs.Lines, line => line.Contains(HostileStrings.Marker, StringComparison.Ordinal));
    }

    // No server error, no injected element, no event-handler attribute, no script URL: whatever came in stayed text.
    [Fact]
    public async Task HostileOfferNotesInvitationCodesAndSafePairingAnswersAreShownOnlyAsTextOrRefused()
    {
        var (a, b) = await _app.LinkedPairAsync();
        var reflection = await a.WriteReflectionAsync(JourneySteps.FirstStep, "Something to share.");
        var token = (await a.GetPageAsync($"/journal/{reflection}/offer")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var outsider = await _app.RegisteredClientAsync();
        await outsider.PassSafePairingAsync();
        var outsiderToken = (await outsider.GetPageAsync("/together/safe-pairing")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var text in HostileStrings.All.Where(t => !t.Contains('\0')))
        {
            var offered = await a.PostAsync($"/journal/{reflection}/offer",
                Form(token, ["Text", "Something to share."], ["Pushed", "No"], ["Expiry", "Week"], ["Note", text]));
            var page = await AssertInertAsync(offered);
            Assert.True(offered.RequestMessage!.RequestUri!.AbsolutePath == "/together" || page.QuerySelector("#Note-error")!.TextContent.Trim().Length > 0,
                $"offering with the note {Describe(text)} neither sent nor said why");

            var joined = await AssertInertAsync(await outsider.PostAsync("/together/join?handler=Code", Form(outsiderToken, ["Code", text])));
            Assert.True(joined.Text().Contains("We could not find that invitation", StringComparison.Ordinal) || joined.QuerySelector("#code-error")?.TextContent.Trim().Length > 0,
                $"the code {Describe(text)} was neither looked up nor refused by its field");

            await AssertInertAsync(await outsider.PostAsync("/together/safe-pairing", Form(outsiderToken,
                ["Answers[afraid-of-them]", text], ["Answers[pushed-to-share]", text], ["Answers[threatened-or-hurt]", "No"], ["Answers[fear-of-reaction]", "No"], ["KeepAnswers", "true"])));
        }

        await AssertInertAsync(await b.GetAsync("/together"));
        await AssertInertAsync(await outsider.GetAsync("/together"));
        var offers = await b.OfferIdsAsync();
        foreach (var id in offers)
        {
            await AssertInertAsync(await b.GetAsync($"/together/offers/{id}"));
        }
        await AssertInertAsync(await a.GetAsync($"/together/offers/{offers[^1]}"));
    }

    private static async Task<IDocument> AssertInertAsync(HttpResponseMessage response)
    {
        Assert.True((int)response.StatusCode < 500, $"{response.RequestMessage!.RequestUri} answered {(int)response.StatusCode}");
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>window.__pwned", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror=\"window", html, StringComparison.OrdinalIgnoreCase);
        var page = await new HttpResponseMessage { Content = new StringContent(html) }.ParseAsync();
        var injected = page.All.Where(Injected).Select(e => e.OuterHtml[..Math.Min(80, e.OuterHtml.Length)]).ToList();
        Assert.True(injected.Count == 0, $"{response.RequestMessage!.RequestUri}: {string.Join(", ", injected)}");
        return page;
    }

    private static FormUrlEncodedContent Form(string token, params string[][] fields) =>
        new([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f[0], f[1]))]);

    // Our own charts and menu are recognised by their place in the page, never by anything typed: the insights charts
    // (an <svg> and a <details> data table directly inside a chart section), an agreement's consistency chart, and
    // the header's menu (a <details> in the bar of the page's own header, outside <main>).
    private static bool Injected(IElement element) =>
        element.LocalName is "iframe" or "svg" or "math" or "details" or "img" && !IsOwnChart(element) && !IsOwnMenu(element)
        || element.LocalName == "script" && element.GetAttribute("src")?.StartsWith("/js/site", StringComparison.Ordinal) != true
        || element.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
        || element.GetAttribute("href")?.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) == true;

    private static bool IsOwnMenu(IElement element) =>
        element.LocalName == "details" && element.ClassName == "menu"
        && element.ParentElement is { ClassName: "bar" } bar && bar.ParentElement is { LocalName: "header", ParentElement.LocalName: "body" };

    private static bool IsOwnChart(IElement element) =>
        element.LocalName is "svg" or "details" && element.ParentElement is { LocalName: "section" } parent && parent.ClassList.Contains("chart-block")
        || element.LocalName == "svg" && element.ClassName == "strip-chart" && element.ParentElement?.ClassName == "consistency" && element.GetAttribute("role") == "img";

    private static string Words(string text) =>
        string.Join(' ', text.Split((char[])[' ', '\t', '\r', '\n', '\u2028', '\u2029'], StringSplitOptions.RemoveEmptyEntries));

    private static string Describe(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
