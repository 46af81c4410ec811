using System.Globalization;
using System.Net;

namespace TrustAgain.Tests.Support;

// Steps a person takes on the commitments pages, through the real forms.
public static class CommitmentSteps
{
    public static string Day(int daysFromToday) =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddDays(daysFromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // Records an agreement and returns its id, read from the page the person lands on.
    public static async Task<Guid> AgreeAsync(this HttpClient client, string wording, string from = "/commitments/new")
    {
        var response = await client.SubmitAsync(from, new Dictionary<string, string> { ["Input.Wording"] = wording });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var path = response.RequestMessage!.RequestUri!.AbsolutePath;
        Assert.StartsWith("/commitments/", path, StringComparison.Ordinal);
        return Guid.Parse(path.Split('/')[2]);
    }

    public static async Task<HttpResponseMessage> LogAsync(this HttpClient client, Guid id, string? outcome, string? day = null,
        string? note = null, string? newWording = null)
    {
        var fields = new Dictionary<string, string> { ["Log.On"] = day ?? Day(0), ["Log.Note"] = note ?? "" };
        if (outcome is not null)
        {
            fields["Log.Outcome"] = outcome;
        }
        if (newWording is not null)
        {
            fields["Log.NewWording"] = newWording;
        }
        return await client.SubmitAsync($"/commitments/{id}", fields);
    }
}
