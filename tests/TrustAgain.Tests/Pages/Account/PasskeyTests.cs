using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustAgain.Web.Data;

namespace TrustAgain.Tests.Pages.Account;

// The WebAuthn ceremony itself needs an authenticator and is exercised in the real browser (BrowserTests);
// these specify everything around it.
public sealed class PasskeyTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AddingAPasskeyAsksForThePasswordBeforeTheAuthenticatorIsUsed()
    {
        var client = await _app.RegisteredClientAsync();

        var refused = await PostAddFormAsync(client, "CreationOptions", password: "not my password");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("That is not your password.", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());

        var options = await PostAddFormAsync(client, "CreationOptions", password: People.Password);
        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        var json = JsonDocument.Parse(await options.Content.ReadAsStringAsync()).RootElement;
        Assert.False(string.IsNullOrEmpty(json.GetProperty("challenge").GetString()));
        Assert.Equal("localhost", json.GetProperty("rp").GetProperty("id").GetString());
    }

    [Fact]
    public async Task ACredentialTheServerCannotVerifyIsRefusedKindlyAndNothingIsStored()
    {
        var client = await _app.RegisteredClientAsync();
        await PostAddFormAsync(client, "CreationOptions", password: People.Password);

        var response = await PostAddFormAsync(client, "Add", password: People.Password, credentialJson: """{"id":"forged","type":"public-key"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("could not be added", page.Text());
        Assert.Contains("You have no passkeys yet.", page.Text());
    }

    [Fact]
    public async Task SigningInWithAPasskeyNobodyHoldsFailsWithTheUsualWordsAndOneSecurityEvent()
    {
        var client = _app.NewClient();
        var options = await PostSignInFormAsync(client, "PasskeyOptions");
        var json = JsonDocument.Parse(await options.Content.ReadAsStringAsync()).RootElement;
        Assert.False(string.IsNullOrEmpty(json.GetProperty("challenge").GetString()));
        // No e-mail address is asked for and no credential is listed, so the options reveal no account.
        Assert.False(json.TryGetProperty("allowCredentials", out var allowed) && allowed.GetArrayLength() > 0);

        var response = await PostSignInFormAsync(client, "Passkey", """{"id":"AAAA","rawId":"AAAA","type":"public-key","response":{}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That passkey didn't sign you in", (await response.ParseAsync()).Text());
        Assert.Single(_app.Logs.Lines, line => line.Contains("Security event SignInFailed", StringComparison.Ordinal));
        Assert.Equal("/account/sign-in", (await client.GetAsync("/journal")).RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task APasskeyAnswerWithNoCeremonyUnderWayIsAnOrdinaryFailureWhateverTheCredential()
    {
        // A credential id that exists, and one that does not: the answers must not tell them apart.
        var owner = await _app.RegisteredClientAsync();
        var credentialId = Guid.NewGuid().ToByteArray();
        using (var scope = _app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.Users.FirstAsync());
            await users.AddOrUpdatePasskeyAsync(user, new UserPasskeyInfo(credentialId, [1, 2, 3], DateTimeOffset.UtcNow, 0, ["internal"], true, false, false, [4], [5]));
        }

        async Task<(HttpStatusCode, string)> Answer(byte[] id)
        {
            var rawId = WebEncoders.Base64UrlEncode(id);
            var response = await PostSignInFormAsync(_app.NewClient(), "Passkey", $$$"""{"id":"{{{rawId}}}","rawId":"{{{rawId}}}","type":"public-key","response":{}}""");
            return (response.StatusCode, (await response.ParseAsync()).QuerySelector(".validation-summary")?.TextContent.Trim() ?? "");
        }

        var existing = await Answer(credentialId);
        Assert.Equal(HttpStatusCode.OK, existing.Item1);
        Assert.Contains("That passkey didn't sign you in", existing.Item2);
        Assert.Equal(existing, await Answer(Guid.NewGuid().ToByteArray()));
        var added = await PostAddFormAsync(owner, "Add", password: People.Password, credentialJson: """{"id":"AAAA","rawId":"AAAA","type":"public-key","response":{}}""");
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Contains("could not be added", (await added.ParseAsync()).Text());
    }

    [Fact]
    public async Task APasskeyNameLongerThanSixtyCharactersIsRefusedAndKept()
    {
        var client = await _app.RegisteredClientAsync();
        await PostAddFormAsync(client, "CreationOptions", password: People.Password);
        var longName = new string('n', 5000);

        var page = await (await PostAddFormAsync(client, "Add", password: People.Password, credentialJson: """{"id":"AAAA","type":"public-key"}""", name: longName)).ParseAsync();

        Assert.Contains("Keep the name under 60 characters.", page.QuerySelector("#name-error")!.TextContent);
        Assert.Contains("You have no passkeys yet.", page.Text());
    }

    [Fact]
    public async Task RemovingAPasskeyThatIsNotYoursIsNotFound()
    {
        const string owner = "passkey-owner@example.com";
        var ownerClient = await _app.RegisteredClientAsync(owner);
        var theirs = WebEncoders.Base64UrlEncode(await GivePasskeyAsync(owner));
        var client = await _app.RegisteredClientAsync();

        var response = await PostAddFormAsync(client, "Remove", password: People.Password, id: theirs);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Single(await PasskeysOfAsync(owner));
        // The same request from its owner removes it, so the id refused above was a real, removable passkey.
        await PostAddFormAsync(ownerClient, "Remove", password: People.Password, id: theirs);
        Assert.Empty(await PasskeysOfAsync(owner));
    }

    // A passkey as Identity stores one after a real ceremony (the ceremony itself is in the browser tests).
    private async Task<byte[]> GivePasskeyAsync(string email)
    {
        using var scope = _app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var credentialId = RandomNumberGenerator.GetBytes(16);
        var passkey = new UserPasskeyInfo(credentialId, RandomNumberGenerator.GetBytes(77), DateTimeOffset.UtcNow, signCount: 0,
            transports: ["internal"], isUserVerified: true, isBackupEligible: false, isBackedUp: false, attestationObject: [], clientDataJson: []);
        Assert.True((await users.AddOrUpdatePasskeyAsync((await users.FindByEmailAsync(email))!, passkey)).Succeeded);
        return credentialId;
    }

    private async Task<IList<UserPasskeyInfo>> PasskeysOfAsync(string email)
    {
        using var scope = _app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.GetPasskeysAsync((await users.FindByEmailAsync(email))!);
    }

    private static async Task<HttpResponseMessage> PostAddFormAsync(HttpClient client, string handler, string password,
        string credentialJson = "", string id = "", string name = "My phone")
    {
        var page = await client.GetPageAsync("/account/passkeys");
        var form = (IHtmlFormElement)page.QuerySelector("form[data-passkey-create]")!;
        form.SetAttribute("action", $"/account/passkeys?handler={handler}");
        return await client.SubmitAsync(form, "/account/passkeys", new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.Password"] = password,
            ["Input.CredentialJson"] = credentialJson,
            ["id"] = id,
            ["password"] = password,
        });
    }

    private static async Task<HttpResponseMessage> PostSignInFormAsync(HttpClient client, string handler, string credentialJson = "")
    {
        var page = await client.GetPageAsync("/account/sign-in");
        var form = (IHtmlFormElement)page.QuerySelector("form[data-passkey-get]")!;
        form.SetAttribute("action", $"/account/sign-in?handler={handler}");
        return await client.SubmitAsync(form, "/account/sign-in", new Dictionary<string, string> { ["credentialJson"] = credentialJson });
    }
}
