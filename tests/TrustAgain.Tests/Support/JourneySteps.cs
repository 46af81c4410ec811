using System.Net;
using AngleSharp.Dom;

namespace TrustAgain.Tests.Support;

// Steps a person takes on journey pages, through the real forms.
public static class JourneySteps
{
    public const string FirstStep = "/journeys/rebuilding-trust/acknowledge-the-breach";
    public const string SecondStep = "/journeys/rebuilding-trust/talk-openly-and-honestly";

    public static async Task<HttpResponseMessage> WriteAsync(this HttpClient client, string stepUrl, string text, string? prompt = null)
    {
        var fields = new Dictionary<string, string> { ["Input.Text"] = text };
        if (prompt is not null)
        {
            fields["Input.Prompt"] = prompt;
        }
        return await client.SubmitAsync(stepUrl, fields, action: "handler=Reflect");
    }

    // Writes a reflection and returns its id, read from the edit link the person would click.
    public static async Task<Guid> WriteReflectionAsync(this HttpClient client, string stepUrl, string text)
    {
        var response = await client.WriteAsync(stepUrl, text);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        var article = page.QuerySelectorAll("article.reflection").First(a => a.QuerySelector(".reflection-text")?.TextContent == text);
        return ReflectionId(article);
    }

    public static Guid ReflectionId(IElement article)
    {
        var href = article.QuerySelector("a[href$='/edit']")!.GetAttribute("href")!;
        return Guid.Parse(href.Split('/')[2]);
    }

    public static async Task MarkDoneAsync(this HttpClient client, string stepUrl)
    {
        var response = await client.SubmitAsync(stepUrl, new Dictionary<string, string>(), action: "handler=Done");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static async Task<IReadOnlyList<string>> ReflectionTextsAsync(this HttpClient client, string url) =>
        [.. (await client.GetPageAsync(url)).QuerySelectorAll(".reflection-text").Select(p => p.TextContent)];
}
