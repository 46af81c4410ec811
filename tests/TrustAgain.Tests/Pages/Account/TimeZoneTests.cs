using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustAgain.Web.Data;

namespace TrustAgain.Tests.Pages.Account;

// Each person's own time on every page: the zone their browser reports, kept in their account, and theirs to change.
public sealed class TimeZoneTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task UntilAZoneIsKnownTimesSayUtcThenTheyAreShownInThePersonsOwn()
    {
        var client = await _app.RegisteredClientAsync();
        await client.WriteAsync(JourneySteps.FirstStep, "Written late one evening.");

        var before = (await client.GetPageAsync(JourneySteps.FirstStep)).QuerySelector(".reflection time")!;
        var chosen = await client.SubmitAsync("/account", new Dictionary<string, string> { ["timeZone"] = "Asia/Kolkata" }, action: "handler=TimeZone");
        var after = (await client.GetPageAsync(JourneySteps.FirstStep)).QuerySelector(".reflection time")!;

        Assert.EndsWith(" UTC", before.TextContent);
        Assert.EndsWith("+00:00", before.GetAttribute("datetime"));
        Assert.Contains("Times are now shown in Asia/Kolkata.", (await chosen.ParseAsync()).Text());
        Assert.DoesNotContain("UTC", after.TextContent);
        Assert.EndsWith("+05:30", after.GetAttribute("datetime"));
        var utc = DateTimeOffset.Parse(before.GetAttribute("datetime")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(utc, DateTimeOffset.Parse(after.GetAttribute("datetime")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Asia/Kolkata", (await client.GetPageAsync("/account")).QuerySelector("select#time-zone option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task TheBrowsersZoneFillsAMissingOneButNeverReplacesOneThePersonChose()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var client = await _app.RegisteredClientAsync(email);
        var detect = (await client.GetPageAsync("/journeys")).QuerySelector("form[data-time-zone-detect]")!;
        var token = detect.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var first = await Detect(client, token, "Asia/Tokyo");
        var zoneAfterFirst = await ZoneOfAsync(email);
        var second = await Detect(client, token, "Europe/Paris");

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal("Asia/Tokyo", zoneAfterFirst);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        Assert.Equal("Asia/Tokyo", await ZoneOfAsync(email));
        Assert.Null((await client.GetPageAsync("/journeys")).QuerySelector("form[data-time-zone-detect]"));
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Pacific Standard Time")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("")]
    public async Task AZoneThatIsNotAnIanaZoneIsRefusedAndNothingChanges(string zone)
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var client = await _app.RegisteredClientAsync(email);

        var response = await client.SubmitAsync("/account", new Dictionary<string, string> { ["timeZone"] = zone }, action: "handler=TimeZone");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choose a time zone from the list.", (await response.ParseAsync()).Text());
        Assert.Null(await ZoneOfAsync(email));
    }

    private static async Task<HttpResponseMessage> Detect(HttpClient client, string token, string zone) =>
        await client.PostAsync("/account?handler=TimeZone", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["detected"] = "true", ["timeZone"] = zone,
        }));

    private async Task<string?> ZoneOfAsync(string email)
    {
        using var scope = _app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(u => u.Email == email).Select(u => u.TimeZone).SingleAsync();
    }
}
