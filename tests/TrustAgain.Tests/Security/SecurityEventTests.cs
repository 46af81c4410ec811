namespace TrustAgain.Tests.Security;

// Each security-relevant moment is logged exactly once, as a structured event, with nothing private in it.
public sealed class SecurityEventTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task SignInSuccessAndFailureAreEachLoggedOnceWithoutTheEmail()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        (await _app.RegisteredClientAsync(email)).Dispose();

        await _app.SignedInClientAsync(email);
        await _app.NewClient().SubmitAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "wrong password" });

        Assert.Single(Events("SignedIn"));
        Assert.Single(Events("SignInFailed"));
        Assert.DoesNotContain(_app.Logs.Lines, line => line.Contains(email, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ALockoutIsLogged()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        (await _app.RegisteredClientAsync(email)).Dispose();
        for (var i = 0; i < 6; i++)
        {
            await _app.NewClient().SubmitAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "wrong password" });
        }

        Assert.Single(Events("LockedOut"));
    }

    [Fact]
    public async Task AskingForSomeoneElsesReflectionIsLogged()
    {
        var owner = await _app.RegisteredClientAsync();
        var other = await _app.RegisteredClientAsync();
        var id = await owner.WriteReflectionAsync(JourneySteps.FirstStep, "Private.");

        await other.GetAsync($"/journal/{id}/edit");
        await other.GetAsync($"/journal/{Guid.NewGuid()}/edit");

        Assert.Single(Events("ForeignIdAccess"));
    }

    [Fact]
    public async Task AFailedAntiforgeryCheckIsLogged()
    {
        var client = await _app.RegisteredClientAsync();

        await client.PostAsync("/journal", new FormUrlEncodedContent(new Dictionary<string, string> { ["q"] = "x" }));

        Assert.Single(Events("AntiforgeryFailed"));
    }

    private IEnumerable<string> Events(string name) =>
        _app.Logs.Lines.Where(line => line.Contains("TrustAgain.Security", StringComparison.Ordinal)
            && line.Contains($"Security event {name}", StringComparison.Ordinal));
}
