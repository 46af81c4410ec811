using System.Diagnostics;
using System.Net;
using AngleSharp.Html.Dom;
using Xunit.Abstractions;

namespace TrustAgain.Durability;

// Many saves at once on one SQLite file: edits of the same version never silently overwrite each other, and
// writers queue behind each other (busy_timeout) instead of anyone seeing "database is locked".
public sealed class ConcurrencyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("trustagain-durability-").FullName;
    private AppProcess _app = null!;

    public async Task InitializeAsync() => _app = await AppProcess.StartAsync(_data, AppProcess.FreePort());

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task TwoTabsSavingTheSameVersionGiveOneWinnerAndOneVisibleConflictThatKeepsTheLosersText()
    {
        const int People = 10, ReflectionsEach = 10;
        var people = await Task.WhenAll(Enumerable.Range(0, People).Select(_ => Person.RegisterAsync(_app)));
        var pairs = new List<Pair>();
        foreach (var person in people)
        {
            for (var i = 0; i < ReflectionsEach; i++)
            {
                Assert.Equal(HttpStatusCode.Redirect, (await person.WriteAsync($"First version {i}")).StatusCode);
            }
            foreach (var id in await person.ReflectionIdsAsync())
            {
                // Both tabs open the edit page, so both hold the same version.
                var (a, b) = (person.NewTab(), person.NewTab());
                var url = $"/journal/{id}/edit";
                pairs.Add(new Pair(person, url, a, Form(await a.GetPageAsync(url)), b, Form(await b.GetPageAsync(url))));
            }
        }

        var go = new TaskCompletionSource();
        var saves = pairs.Select(async pair =>
        {
            await go.Task;
            var answers = await Task.WhenAll(
                pair.TabA.SubmitAsync(pair.FormA, pair.Url, new Dictionary<string, string> { ["Input.Text"] = pair.TextA }),
                pair.TabB.SubmitAsync(pair.FormB, pair.Url, new Dictionary<string, string> { ["Input.Text"] = pair.TextB }));
            return (pair, answers);
        }).ToList();
        go.SetResult();

        var conflicts = 0;
        foreach (var (pair, answers) in await Task.WhenAll(saves))
        {
            var statuses = answers.Select(a => a.StatusCode).Order().ToList();
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Redirect], statuses);
            var (winner, loser) = answers[0].StatusCode == HttpStatusCode.Redirect ? (pair.TextA, pair.TextB) : (pair.TextB, pair.TextA);
            var conflictPage = await answers.Single(a => a.StatusCode == HttpStatusCode.OK).ParseAsync();
            Assert.Contains("This reflection was changed somewhere else", conflictPage.Text("[role=alert]"));
            Assert.Equal(winner, conflictPage.QuerySelector("[role=alert] .reflection-text")?.TextContent);
            Assert.Equal(loser, conflictPage.QuerySelector("textarea[name='Input.Text']")?.TextContent);
            var stored = await pair.Person.StoredTextsAsync();
            Assert.Contains(winner, stored);
            Assert.DoesNotContain(loser, stored);
            conflicts++;
        }
        output.WriteLine($"{pairs.Count} pairs of simultaneous edits: {pairs.Count} winners, {conflicts} visible conflicts");
        Assert.Equal(People * ReflectionsEach, conflicts);
    }

    [Fact]
    public async Task TwentyWritersSavingFiftyTimesEachNeverSeeTheDatabaseLocked()
    {
        const int Writers = 20, Saves = 50;
        var people = await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Person.RegisterAsync(_app)));
        var clock = Stopwatch.StartNew();

        var answers = await Task.WhenAll(people.Select(async (person, w) =>
        {
            // One page load, then save after save from it, as someone pressing "Save reflection" repeatedly.
            var form = (IHtmlFormElement)(await person.Client.GetPageAsync(Person.Step)).QuerySelector("main form[action*='handler=Reflect']")!;
            var statuses = new List<HttpStatusCode>();
            for (var s = 0; s < Saves; s++)
            {
                statuses.Add((await person.Client.SubmitAsync(form, Person.Step, new Dictionary<string, string> { ["Input.Text"] = $"Writer {w}, save {s}" })).StatusCode);
            }
            return statuses;
        }));

        output.WriteLine($"{Writers} writers × {Saves} saves in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.All(answers.SelectMany(a => a), status => Assert.Equal(HttpStatusCode.Redirect, status));
        Assert.DoesNotContain("database is locked", _app.Output, StringComparison.OrdinalIgnoreCase);
        foreach (var (person, w) in people.Select((p, w) => (p, w)))
        {
            Assert.Equal(Enumerable.Range(0, Saves).Select(s => $"Writer {w}, save {s}").Order(), (await person.StoredTextsAsync()).Order());
        }
    }

    private static IHtmlFormElement Form(AngleSharp.Dom.IDocument page) => (IHtmlFormElement)page.QuerySelector("main form[method=post]")!;

    private sealed record Pair(Person Person, string Url, HttpClient TabA, IHtmlFormElement FormA, HttpClient TabB, IHtmlFormElement FormB)
    {
        public string TextA { get; } = $"Tab A's words for {Url}";

        public string TextB { get; } = $"Tab B's words for {Url}";
    }
}
