using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustAgain.Web.Data;

namespace TrustAgain.Tests.Pages.Account;

public sealed class SessionTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ACookieCopiedBeforeSignOutIsRejectedAfterIt()
    {
        var cookies = new CookieContainer();
        var client = _app.CreateDefaultClient(new CookieContainerHandler(cookies));
        await client.FinishSignUpAsync(await _app.SignUpLinkAsync($"{Guid.NewGuid():N}@example.com"));
        var copied = cookies.GetCookieHeader(new Uri("http://localhost"));
        Assert.Equal(HttpStatusCode.OK, (await Replay(copied)).StatusCode);

        await client.SubmitAsync("/account/sign-out", new Dictionary<string, string>());

        var replayed = await Replay(copied);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.Equal("/account/sign-in", replayed.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task SigningOutEverywhereElseEndsTheOtherBrowsers()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var laptop = await _app.RegisteredClientAsync(email);
        var phone = await _app.SignedInClientAsync(email);

        var list = await laptop.GetPageAsync("/account/sessions");
        Assert.Equal(2, list.QuerySelectorAll("li.card").Length);
        Assert.Single(list.QuerySelectorAll("li.card h2"), h => h.TextContent.EndsWith("this device", StringComparison.Ordinal));

        var ended = await laptop.SubmitAsync("/account/sessions", new Dictionary<string, string>(), action: "handler=EndOthers");

        Assert.Contains("Signed out of 1 other session.", (await ended.ParseAsync()).Text());
        Assert.Equal("/account/sign-in", (await phone.GetAsync("/journal")).RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("/journal", (await laptop.GetAsync("/journal")).RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task ChangingThePasswordEndsOtherSessionsButNotThisOne()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var laptop = await _app.RegisteredClientAsync(email);
        var phone = await _app.SignedInClientAsync(email);

        await laptop.SubmitAsync("/account/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = People.Password,
            ["Input.NewPassword"] = "another long password",
            ["Input.ConfirmPassword"] = "another long password",
        });

        Assert.Equal("/account/sign-in", (await phone.GetAsync("/journal")).RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("/journal", (await laptop.GetAsync("/journal")).RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task NobodyCanEndSomeoneElsesSession()
    {
        var victim = await _app.RegisteredClientAsync();
        var other = await _app.RegisteredClientAsync();
        Guid victimSession;
        using (var scope = _app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            victimSession = (await db.Sessions.OrderBy(s => s.CreatedAt).FirstAsync()).Id;
        }
        var token = (await other.GetPageAsync("/account/sessions")).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? (await other.GetPageAsync("/journal")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await other.PostAsync("/account/sessions?handler=End", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id"] = victimSession.ToString(),
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("/journal", (await victim.GetAsync("/journal")).RequestMessage!.RequestUri!.AbsolutePath);
    }

    private async Task<HttpResponseMessage> Replay(string cookieHeader)
    {
        var raw = _app.CreateDefaultClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/journal");
        request.Headers.Add("Cookie", cookieHeader);
        return await raw.SendAsync(request);
    }
}
