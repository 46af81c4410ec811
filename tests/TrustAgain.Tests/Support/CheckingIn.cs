using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustAgain.Web.Data;
using TrustAgain.Web.Journal;

namespace TrustAgain.Tests.Support;

// Check-ins made through the real form, and check-ins placed at chosen times for tests about time.
public static class CheckingIn
{
    // Fills in the check-in form on `url` (its antiforgery token and hidden step included) and submits it.
    // Takes a list rather than a dictionary so several feelings can be ticked at once.
    public static async Task<HttpResponseMessage> CheckInAsync(this HttpClient client, int? trust, int? safety,
        IEnumerable<string>? feelings = null, string? note = null, string url = "/check-in")
    {
        var page = await client.GetPageAsync(url);
        var form = page.QuerySelector("main form.check-in")!;
        var fields = form.QuerySelectorAll("input[type=hidden]")
            .Select(input => new KeyValuePair<string, string>(input.GetAttribute("name")!, input.GetAttribute("value") ?? ""))
            .ToList();
        if (trust is { } t)
        {
            fields.Add(new("Input.Trust", t.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (safety is { } s)
        {
            fields.Add(new("Input.Safety", s.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        fields.AddRange((feelings ?? []).Select(f => new KeyValuePair<string, string>("Input.Feelings", f)));
        if (note is not null)
        {
            fields.Add(new("Input.Note", note));
        }
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    // Adds a check-in made at a chosen time, through the same service an import or demo seed uses.
    public static async Task AddCheckInAsync(this TestApp app, string email, DateTime at, int trust, int safety,
        string? stepKey = null, string? note = null)
    {
        using var scope = app.Services.CreateScope();
        var userId = await UserIdAsync(scope, email);
        await scope.ServiceProvider.GetRequiredService<CheckIns>()
            .AddAsync(userId, stepKey, new CheckInAnswers(trust, safety, [], note), at);
    }

    // Moves when a step was marked done, as if it had happened then.
    public static async Task SetCompletedAtAsync(this TestApp app, string email, string stepKey, DateTime at)
    {
        using var scope = app.Services.CreateScope();
        var userId = await UserIdAsync(scope, email);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var updated = await db.Progress.Where(p => p.UserId == userId && p.StepKey == stepKey)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.CompletedAt, at));
        Assert.Equal(1, updated);
    }

    private static async Task<string> UserIdAsync(IServiceScope scope, string email) =>
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users
            .Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
}
