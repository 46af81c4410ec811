using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TrustAgain.Tests.Security;

// What a published app does when it is set up carelessly: it says what to set, and never answers 500.
public sealed class DeploymentTests
{
    private static readonly Uri Https = new("https://localhost");

    [Fact]
    public async Task InProductionWithoutSiteUrlOrAllowedHostsAccountMailIsRefusedAndStartUpSaysSo()
    {
        await using var app = new TestApp(settings: new Dictionary<string, string> { ["environment"] = "Production" });
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = Https });

        var response = await client.SubmitAsync("/account/register", new Dictionary<string, string> { ["Input.Email"] = "someone@example.com" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("TrustAgain__Mail__SiteUrl", page.Text());
        Assert.Equal("someone@example.com", page.QuerySelector("#Input_Email")!.GetAttribute("value"));
        Assert.False(Directory.Exists(MailPickup.Folder(app.DataDirectory)) && Directory.EnumerateFiles(MailPickup.Folder(app.DataDirectory)).Any());
        Assert.Contains(app.Logs.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("Account mail is refused", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("TrustAgain:Mail:SiteUrl", "https://trustagain.example")]
    [InlineData("AllowedHosts", "localhost")]
    public async Task InProductionAccountMailIsSentOnceTheSiteIsNamed(string setting, string value)
    {
        await using var app = new TestApp(settings: new Dictionary<string, string> { ["environment"] = "Production", [setting] = value });
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = Https });

        var response = await client.SubmitAsync("/account/register", new Dictionary<string, string> { ["Input.Email"] = "someone@example.com" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/account/finish-sign-up", MailPickup.NewestTo(app.DataDirectory, "someone@example.com"));
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains("Account mail is refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InProductionPlainHttpGetsAClearPageNotAServerError()
    {
        await using var app = new TestApp(settings: new Dictionary<string, string>
        {
            ["environment"] = "Production", ["TrustAgain:Mail:SiteUrl"] = "https://trustagain.example",
        });
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost") });

        foreach (var url in new[] { "/", "/account/sign-in", "/account/register" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var text = (await response.ParseAsync()).Text();
            Assert.Contains("ASPNETCORE_FORWARDEDHEADERS_ENABLED", text);
            Assert.Contains("TrustAgain__SecureCookies", text);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.DoesNotContain(app.Logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("Plain HTTP requests are refused", StringComparison.Ordinal));
    }
}
