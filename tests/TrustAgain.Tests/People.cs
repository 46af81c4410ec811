using System.Net;

namespace TrustAgain.Tests;

// Creates accounts through the real register page, as a person would.
public static class People
{
    public const string Password = "a calm quiet lake 42";

    public static async Task<HttpClient> RegisteredClientAsync(this TestApp app, string? email = null)
    {
        var client = app.NewClient();
        var response = await client.SubmitAsync("/account/register", new Dictionary<string, string>
        {
            ["Input.Email"] = email ?? $"{Guid.NewGuid():N}@example.com",
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("/journeys", response.RequestMessage!.RequestUri!.AbsolutePath);
        return client;
    }

    public static async Task<HttpClient> SignedInClientAsync(this TestApp app, string email)
    {
        var client = app.NewClient();
        var response = await client.SubmitAsync("/account/sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
        });
        Assert.Equal("/", response.RequestMessage!.RequestUri!.AbsolutePath);
        return client;
    }
}
