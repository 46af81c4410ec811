using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace TrustAgain.Tests.Support;

// Steps a person takes to make a summary for a counsellor, through the real forms.
public static class SummarySteps
{
    // Step 1: ticks the given reflections and commitments (and check-ins, if asked), and sends the choice.
    public static async Task<HttpResponseMessage> ChooseAsync(this HttpClient client, IEnumerable<Guid>? reflections = null,
        IEnumerable<Guid>? commitments = null, bool checkIns = false, string from = "", string to = "")
    {
        var token = (await client.GetPageAsync("/journal/summary")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        List<KeyValuePair<string, string>> fields =
        [
            new("__RequestVerificationToken", token),
            .. (reflections ?? []).Select(id => new KeyValuePair<string, string>("Choice.ReflectionIds", id.ToString())),
            .. (commitments ?? []).Select(id => new KeyValuePair<string, string>("Choice.CommitmentIds", id.ToString())),
            new("Choice.CheckInsFrom", from),
            new("Choice.CheckInsTo", to),
        ];
        if (checkIns)
        {
            fields.Add(new("Choice.IncludeCheckIns", "true"));
        }
        return await client.PostAsync("/journal/summary?handler=Blank", new FormUrlEncodedContent(fields));
    }

    // Step 2: sends the leave-things-out form, with some reflections' text replaced by what the person edited.
    public static async Task<HttpResponseMessage> MakeSummaryAsync(this HttpClient client, IDocument blankingPage,
        IReadOnlyDictionary<Guid, string>? edits = null)
    {
        var form = (IHtmlFormElement)blankingPage.QuerySelector("form[action*='handler=Summary']")!;
        var fields = (edits ?? new Dictionary<Guid, string>()).ToDictionary(e => $"Choice.Texts[{e.Key}]", e => e.Value);
        return await client.SubmitAsync(form, "/journal/summary", fields);
    }

    // On the finished summary: asks for the same summary as a Markdown file.
    public static async Task<HttpResponseMessage> DownloadMarkdownAsync(this HttpClient client, IDocument summaryPage)
    {
        var form = (IHtmlFormElement)summaryPage.QuerySelector("form[action*='handler=Markdown']")!;
        return await client.SubmitAsync(form, "/journal/summary", new Dictionary<string, string>());
    }
}
