using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TrustAgain.Tests.Security;

// Outside development, every cookie is __Host- prefixed, Secure, HttpOnly and SameSite=Lax.
public sealed class CookieTests
{
    [Fact]
    public async Task EveryCookieIsHostPrefixedSecureAndHttpOnlyOutsideDevelopment()
    {
        await using var app = new TestApp(settings: new Dictionary<string, string> { ["TrustAgain:SecureCookies"] = "true" });
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        var email = $"{Guid.NewGuid():N}@example.com";
        var page = await client.GetAsync("/account/register");
        var antiforgery = SetCookies(page);
        Assert.Single(antiforgery);
        await client.SubmitAsync(Form(await page.ParseAsync()), "/account/register", new Dictionary<string, string> { ["Input.Email"] = email });
        var link = MailPickup.LinkIn(MailPickup.NewestTo(app.DataDirectory, email), "/account/finish-sign-up");
        var finish = await client.GetAsync(link);

        var register = await client.SubmitAsync(Form(await finish.ParseAsync()), link, new Dictionary<string, string>
        {
            ["Input.Password"] = People.Password,
            ["Input.ConfirmPassword"] = People.Password,
        });
        var session = SetCookies(register);

        Assert.Equal(HttpStatusCode.Redirect, register.StatusCode);
        foreach (var cookie in antiforgery.Concat(session))
        {
            Assert.StartsWith("__Host-TrustAgain.", cookie, StringComparison.Ordinal);
            Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; path=/", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains(session, c => c.StartsWith("__Host-TrustAgain.Session=", StringComparison.Ordinal) && c.Contains("samesite=lax", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/journal")).StatusCode);
    }

    private static AngleSharp.Html.Dom.IHtmlFormElement Form(AngleSharp.Dom.IDocument page) =>
        (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("main form")!;

    private static List<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];

    [Fact]
    public async Task OutsideDevelopmentBrowsersAreToldToUseHttpsForAYearIncludingSubdomains()
    {
        await using var app = new TestApp(settings: new Dictionary<string, string> { ["environment"] = "Production" });
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://trustagain.example") });

        var response = await client.GetAsync("/guide");

        Assert.Equal("max-age=31536000; includeSubDomains", response.Headers.GetValues("Strict-Transport-Security").Single());
    }
}
