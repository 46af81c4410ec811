using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace TrustAgain.Tests.Support;

// Uses pages the way a browser does: read the HTML, fill in a form (antiforgery token included), submit it.
public static class Forms
{
    private static readonly IBrowsingContext Browser = BrowsingContext.New(Configuration.Default);

    public static async Task<IDocument> ParseAsync(this HttpResponseMessage response) =>
        await Browser.OpenAsync(request => request.Content(response.Content.ReadAsStream()).Address(response.RequestMessage?.RequestUri?.ToString() ?? "http://localhost/"));

    public static async Task<IDocument> GetPageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
        return await response.ParseAsync();
    }

    // Submits the form on `url` whose action contains `action` (or the first form in <main>).
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string url,
        IReadOnlyDictionary<string, string> fields, string? action = null)
    {
        var page = await client.GetPageAsync(url);
        var form = page.QuerySelectorAll<IHtmlFormElement>("main form")
            .FirstOrDefault(f => action is null || (f.GetAttribute("action") ?? "").Contains(action, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"No form{(action is null ? "" : $" posting to '{action}'")} on {url}");
        return await client.SubmitAsync(form, url, fields);
    }

    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, IHtmlFormElement form, string url,
        IReadOnlyDictionary<string, string> fields)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Type: "submit" or "button" or "file" }:
                    break;
                case IHtmlInputElement { Type: "checkbox" or "radio" } box:
                    if (box.IsChecked)
                    {
                        values.Add(new(box.Name!, box.Value));
                    }
                    break;
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    values.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlTextAreaElement area:
                    values.Add(new(area.Name!, area.Value));
                    break;
                case IHtmlSelectElement select:
                    values.Add(new(select.Name!, select.Value ?? ""));
                    break;
            }
        }
        foreach (var (name, value) in fields)
        {
            values.RemoveAll(v => v.Key == name);
            values.Add(new(name, value));
        }
        var action = form.GetAttribute("action");
        return await client.PostAsync(string.IsNullOrEmpty(action) ? url : action, new FormUrlEncodedContent(values));
    }

    public static string Text(this IDocument page, string selector = "main") =>
        page.QuerySelector(selector)?.TextContent ?? "";
}
