using System.Net;

namespace TrustAgain.Tests.Support;

// Two people linking their accounts through the real pages: the private questions, the invitation, accepting it,
// and the inviter's confirmation.
public static class Together
{
    public static async Task PassSafePairingAsync(this HttpClient client, string answer = "No", bool keep = false)
    {
        var fields = new Dictionary<string, string>
        {
            ["Answers[afraid-of-them]"] = answer, ["Answers[pushed-to-share]"] = "No",
            ["Answers[threatened-or-hurt]"] = "No", ["Answers[fear-of-reaction]"] = "No",
        };
        if (keep)
        {
            fields["KeepAnswers"] = "true";
        }
        var response = await client.SubmitAsync("/together/safe-pairing", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    // Makes an invitation and returns its link (as a path) and its code, read from the page that shows them once.
    public static async Task<(string Link, string Code)> InviteAsync(this HttpClient inviter)
    {
        var page = await (await inviter.SubmitAsync("/together/invite", new Dictionary<string, string>())).ParseAsync();
        var link = new Uri(page.QuerySelector("input[aria-label='Invitation link']")!.GetAttribute("value")!).AbsolutePath;
        return (link, page.QuerySelector(".code")!.TextContent);
    }

    public static async Task<string> AcceptAsync(this HttpClient invited, string link)
    {
        var response = await invited.SubmitAsync(link, new Dictionary<string, string>(), action: "handler=Accept");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ParseAsync()).Text();
    }

    public static async Task ConfirmAsync(this HttpClient inviter)
    {
        var response = await inviter.SubmitAsync("/together", new Dictionary<string, string>(), action: "handler=Confirm");
        Assert.Equal("/together", response.RequestMessage!.RequestUri!.AbsolutePath);
    }

    // A and B, linked; both have answered the private questions.
    public static async Task<(HttpClient A, HttpClient B)> LinkedPairAsync(this TestApp app, string? emailA = null, string? emailB = null)
    {
        var a = await app.RegisteredClientAsync(emailA);
        var b = await app.RegisteredClientAsync(emailB);
        await a.PassSafePairingAsync();
        await b.PassSafePairingAsync();
        var (link, _) = await a.InviteAsync();
        await b.AcceptAsync(link);
        await a.ConfirmAsync();
        return (a, b);
    }

    public static async Task<Guid> OfferAsync(this HttpClient author, Guid reflectionId, string? text = null, string? note = null, string expiry = "Week")
    {
        var fields = new Dictionary<string, string> { ["Pushed"] = "No", ["Expiry"] = expiry };
        if (text is not null)
        {
            fields["Text"] = text;
        }
        if (note is not null)
        {
            fields["Note"] = note;
        }
        var response = await author.SubmitAsync($"/journal/{reflectionId}/offer", fields);
        Assert.Equal("/together", response.RequestMessage!.RequestUri!.AbsolutePath);
        return (await OfferIdsAsync(author))[0];
    }

    // The offers listed on /together, newest first.
    public static async Task<IReadOnlyList<Guid>> OfferIdsAsync(this HttpClient client) =>
        [.. (await client.GetPageAsync("/together")).QuerySelectorAll("ul.offers a[href^='/together/offers/']")
            .Select(a => Guid.Parse(a.GetAttribute("href")!.Split('/')[3]))];
}
