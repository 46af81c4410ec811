namespace TrustAgain.Tests.Security;

// Public pages and static files travel compressed; nothing rendered for a signed-in person, or holding a form
// token, ever is (BREACH: see SECURITY.md).
public sealed class CompressionTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("/")]
    [InlineData("/guide")]
    [InlineData("/guide/rebuilding-trust")]
    [InlineData("/safety")]
    [InlineData("/search?q=trust")]
    public async Task PublicPagesAreCompressedForVisitors(string url)
    {
        var response = await Get(_app.NewClient(), url);

        Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
    }

    [Fact]
    public async Task StaticFilesAreCompressedForEveryone()
    {
        var signedIn = await _app.RegisteredClientAsync();
        foreach (var client in new[] { _app.NewClient(), signedIn })
        {
            // Every build stores a gzip copy (a published one a Brotli copy too).
            var css = await Get(client, "/css/site.css", "gzip");
            Assert.Equal("gzip", Assert.Single(css.Content.Headers.ContentEncoding));
            Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
            Assert.True((await css.Content.ReadAsByteArrayAsync()).Length > 1000, "the compressed stylesheet has a body");
        }
    }

    [Theory]
    [InlineData("/journal")]
    [InlineData("/journeys/rebuilding-trust/acknowledge-the-breach")]
    [InlineData("/insights")]
    [InlineData("/account")]
    [InlineData("/journal/export.json")]
    [InlineData("/guide/rebuilding-trust")]
    [InlineData("/")]
    public async Task NothingRenderedForASignedInPersonIsCompressed(string url)
    {
        var client = await _app.RegisteredClientAsync();
        await client.WriteAsync(JourneySteps.FirstStep, "Something private.");

        var response = await Get(client, url);

        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    [Theory]
    [InlineData("/account/sign-in")]
    [InlineData("/account/register")]
    [InlineData("/account/forgot-password")]
    public async Task APageHoldingAFormTokenIsNotCompressedEvenForAVisitor(string url)
    {
        var response = await Get(_app.NewClient(), url);

        Assert.Contains("__RequestVerificationToken", await response.Content.ReadAsStringAsync());
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    private static async Task<HttpResponseMessage> Get(HttpClient client, string url, string accept = "br, gzip")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Accept-Encoding", accept);
        var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
        return response;
    }
}
