using System.Net;

namespace TrustAgain.Tests.Support;

// Creates accounts through the real pages, as a person would: the register form, the mailed link, a password.
public static class People
{
    public const string Password = "a calm quiet lake 42";

    public static async Task<HttpClient> RegisteredClientAsync(this TestApp app, string? email = null)
    {
        var client = app.NewClient();
        var response = await client.FinishSignUpAsync(await app.SignUpLinkAsync(email ?? $"{Guid.NewGuid():N}@example.com"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("/journeys", response.RequestMessage!.RequestUri!.AbsolutePath);
        return client;
    }

    // Asks for a sign-up link for this address and returns it (path and query) from the mail it was sent in.
    public static async Task<string> SignUpLinkAsync(this TestApp app, string email)
    {
        var sent = await app.NewClient().SubmitAsync("/account/register", new Dictionary<string, string> { ["Input.Email"] = email });
        Assert.Contains("Check your inbox", (await sent.ParseAsync()).Text());
        return MailPickup.LinkIn(MailPickup.NewestTo(app.DataDirectory, email), "/account/finish-sign-up");
    }

    public static Task<HttpResponseMessage> FinishSignUpAsync(this HttpClient client, string link, string password = Password) =>
        client.SubmitAsync(link, new Dictionary<string, string>
        {
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });

    public static async Task<HttpClient> SignedInClientAsync(this TestApp app, string email, string password = Password)
    {
        var client = app.NewClient();
        var response = await client.SubmitAsync("/account/sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        Assert.Equal("/", response.RequestMessage!.RequestUri!.AbsolutePath);
        return client;
    }
}
