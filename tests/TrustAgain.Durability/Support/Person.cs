using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using TrustAgain.Web.Journal.Archive;

namespace TrustAgain.Durability.Support;

// Someone using the app through its pages like a browser does (cookies, forms, antiforgery tokens), except that
// redirects are not followed: a save is acknowledged when the app answers 302 to the page that says "Saved".
public sealed class Person : IDisposable
{
    public const string Password = "a calm quiet lake 42";
    public const string Step = "/journeys/rebuilding-trust/acknowledge-the-breach";

    private readonly Uri _app;
    private readonly CookieContainer _cookies = new();

    private Person(Uri app)
    {
        _app = app;
        Client = NewTab();
    }

    public HttpClient Client { get; private set; }

    // Signs up as a person does: the address, then the link from the mail the app wrote to its data folder.
    public static async Task<Person> RegisterAsync(AppProcess app)
    {
        var person = new Person(app.Address);
        var email = $"{Guid.NewGuid():N}@example.com";
        var sent = await person.Client.SubmitAsync("/account/register", new Dictionary<string, string> { ["Input.Email"] = email });
        if (sent.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Registration answered {(int)sent.StatusCode}.");
        }
        var link = MailPickup.LinkIn(MailPickup.NewestTo(app.DataDirectory, email), "/account/finish-sign-up");
        var response = await person.Client.SubmitAsync(link, new Dictionary<string, string>
        {
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Finishing sign-up answered {(int)response.StatusCode}.");
        }
        return person;
    }

    // Another tab of the same browser: the same sign-in, its own connection and its own copy of a page.
    public HttpClient NewTab() => new(new SocketsHttpHandler { CookieContainer = _cookies, AllowAutoRedirect = false })
    {
        BaseAddress = _app,
        Timeout = TimeSpan.FromSeconds(60),
    };

    // After the app restarted: the sign-in cookie still works (sessions live in the database), the connections do not.
    public void Reconnect()
    {
        Client.Dispose();
        Client = NewTab();
    }

    public Task<HttpResponseMessage> WriteAsync(string text) =>
        Client.SubmitAsync(Step, new Dictionary<string, string> { ["Input.Text"] = text }, action: "handler=Reflect");

    public Task<HttpResponseMessage> EditAsync(Guid id, string text) =>
        Client.SubmitAsync($"/journal/{id}/edit", new Dictionary<string, string> { ["Input.Text"] = text });

    // The id of the reflection with this text, from its edit link on the step page.
    public async Task<Guid> FindIdAsync(string text)
    {
        var page = await Client.GetPageAsync(Step);
        var article = page.QuerySelectorAll("article.reflection").Single(a => a.QuerySelector(".reflection-text")?.TextContent == text);
        return ReflectionId(article);
    }

    public async Task<IReadOnlyList<Guid>> ReflectionIdsAsync() =>
        [.. (await Client.GetPageAsync(Step)).QuerySelectorAll("article.reflection").Select(ReflectionId)];

    // Every reflection's text as the app serves it in the JSON export; null for one that no longer decrypts.
    public async Task<IReadOnlyList<string?>> StoredTextsAsync()
    {
        var response = await Client.GetAsync("/journal/export.json");
        response.EnsureSuccessStatusCode();
        var export = JsonSerializer.Deserialize<JournalExport>(await response.Content.ReadAsStringAsync(), JournalArchive.Json)!;
        return [.. export.Reflections.Select(r => r.Text)];
    }

    public void Dispose() => Client.Dispose();

    private static Guid ReflectionId(IElement article) =>
        Guid.Parse(article.QuerySelector("a[href$='/edit']")!.GetAttribute("href")!.Split('/')[2]);
}
