using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustAgain.Web.Data;

namespace TrustAgain.Tests.Security;

// Runs over every endpoint the app maps, read from its own routing table, so a new page is covered the day it
// is added: nobody has to remember to write its privacy tests.
public sealed class EveryEndpointTests : IDisposable
{
    // These specs send two POSTs to every page; the rate limits have their own specs (RateLimitTests).
    private readonly TestApp _app = new(settings: new Dictionary<string, string>
    {
        ["TrustAgain:RateLimits:AccountFormsPerMinute"] = "1000",
        ["TrustAgain:RateLimits:ReflectionSavesPerMinute"] = "1000",
        ["TrustAgain:RateLimits:ExpensiveRequestsPerMinute"] = "1000",
        ["TrustAgain:RateLimits:TogetherFormsPerMinute"] = "1000",
    });

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task EveryNonPublicEndpointSendsAVisitorToSignIn()
    {
        var routes = Endpoints().Where(e => e.RequiresSignIn).ToList();
        Assert.Contains(routes, e => e.Pattern == "/journal/{id:guid}/edit");
        Assert.Contains(routes, e => e.Pattern == "/journal/export.json");
        Assert.Contains(routes, e => e.Pattern == "/account/sessions");

        var visitor = _app.NewClient(followRedirects: false);
        foreach (var endpoint in routes)
        {
            var response = await visitor.GetAsync(endpoint.Url(Guid.NewGuid()));
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.AbsolutePath == "/account/sign-in",
                $"{endpoint.Pattern} answered {(int)response.StatusCode} to a visitor");
        }
    }

    [Fact]
    public async Task EveryPublicPageAnswersWithoutAServerError()
    {
        var visitor = _app.NewClient();
        foreach (var endpoint in Endpoints().Where(e => !e.RequiresSignIn && e.IsPage))
        {
            var response = await visitor.GetAsync(endpoint.Url(Guid.NewGuid()));
            Assert.True((int)response.StatusCode < 500, $"{endpoint.Pattern} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task EveryPagePostWithoutAValidTokenIsRefused()
    {
        var client = await _app.RegisteredClientAsync();
        var id = await client.WriteReflectionAsync(JourneySteps.FirstStep, "Kept.");
        var foreignToken = (await (await _app.RegisteredClientAsync()).GetPageAsync("/journal"))
            .QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        // The error page also answers POSTs, because failed POSTs are re-executed there; it changes nothing.
        foreach (var endpoint in Endpoints().Where(e => e.IsPage && !e.Pattern.StartsWith("/error", StringComparison.Ordinal)))
        {
            var url = endpoint.Url(id);
            var none = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Text"] = "x" }));
            var foreign = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = foreignToken, ["Input.Text"] = "x",
            }));
            Assert.True(none.StatusCode == HttpStatusCode.BadRequest, $"POST {url} without a token answered {(int)none.StatusCode}");
            Assert.True(foreign.StatusCode == HttpStatusCode.BadRequest, $"POST {url} with another session's token answered {(int)foreign.StatusCode}");
        }
        Assert.Equal(["Kept."], await client.ReflectionTextsAsync("/journal"));
    }

    [Fact]
    public async Task EveryIdTakingEndpointAnswers404ToAnotherPersonAndChangesNothing()
    {
        // The owner is linked with a partner and has offered them a reflection; the other person is outside the pair.
        var (owner, _) = await _app.LinkedPairAsync();
        var id = await owner.WriteReflectionAsync(JourneySteps.FirstStep, "Only the owner's.");
        var offerId = await owner.OfferAsync(id);
        var other = await _app.RegisteredClientAsync();
        var token = (await other.GetPageAsync("/journal")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var commitmentId = await owner.AgreeAsync("Only the owner's agreement.");
        await owner.LogAsync(commitmentId, "Kept");
        var before = await SnapshotAsync();

        var routes = Endpoints().Where(e => e.TakesId).ToList();
        Assert.Contains(routes, e => e.Pattern == "/commitments/{id:guid}");
        Assert.Contains(routes, e => e.Pattern == "/together/offers/{id:guid}");
        Assert.Contains(routes, e => e.Pattern == "/journal/{id:guid}/offer");
        foreach (var endpoint in routes)
        {
            var url = endpoint.Url(endpoint.Pattern.StartsWith("/commitments", StringComparison.Ordinal) ? commitmentId
                : endpoint.Pattern.StartsWith("/together/offers", StringComparison.Ordinal) ? offerId : id);
            var get = await other.GetAsync(url);
            var post = await other.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["Input.Text"] = "Changed by someone else.", ["Version"] = "1",
                ["Log.Outcome"] = "Renegotiated", ["Log.On"] = CommitmentSteps.Day(0), ["Log.NewWording"] = "Changed by someone else.",
            }));
            Assert.True(get.StatusCode == HttpStatusCode.NotFound, $"GET {endpoint.Pattern} answered {(int)get.StatusCode}");
            Assert.True(post.StatusCode == HttpStatusCode.NotFound, $"POST {endpoint.Pattern} answered {(int)post.StatusCode}");
        }

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task NoGetChangesData()
    {
        // Linked, with an unopened offer to the partner and one from them: reading an offer must not open it.
        var (client, partner) = await _app.LinkedPairAsync();
        var id = await client.WriteReflectionAsync(JourneySteps.FirstStep, "Unchanged by reading.");
        await client.OfferAsync(id);
        var offerToClient = await partner.OfferAsync(await partner.WriteReflectionAsync(JourneySteps.FirstStep, "Sealed for now."));
        await client.MarkDoneAsync(JourneySteps.FirstStep);
        var commitmentId = await client.AgreeAsync("Unchanged by reading either.");
        await client.LogAsync(commitmentId, "Slipped");
        await client.CheckInAsync(5, 5, note: "Unchanged by reading.");
        var before = await SnapshotAsync();

        foreach (var endpoint in Endpoints())
        {
            await client.GetAsync(endpoint.Url(endpoint.Pattern.StartsWith("/commitments", StringComparison.Ordinal) ? commitmentId
                : endpoint.Pattern.StartsWith("/together/offers", StringComparison.Ordinal) ? offerToClient : id));
        }

        Assert.Equal(before, await SnapshotAsync());
    }

    // Everything a person owns, as one comparable string: rows, versions and times.
    private async Task<string> SnapshotAsync()
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var reflections = await db.Reflections.OrderBy(r => r.Id).Select(r => $"{r.Id}:{r.Version}:{r.UpdatedAt:O}:{Convert.ToBase64String(r.Ciphertext)}").ToListAsync();
        var progress = await db.Progress.OrderBy(p => p.UserId).ThenBy(p => p.StepKey).Select(p => $"{p.UserId}:{p.StepKey}").ToListAsync();
        var checkIns = await db.CheckIns.OrderBy(c => c.Id).Select(c => $"{c.Id}:{c.UserId}:{c.StepKey}:{Convert.ToBase64String(c.Ciphertext)}").ToListAsync();
        var users = await db.Users.OrderBy(u => u.Id).Select(u => $"{u.Id}:{u.SecurityStamp}:{u.DiscreetTitle}").ToListAsync();
        var commitments = await db.Commitments.OrderBy(c => c.Id).Select(c => $"{c.Id}:{Convert.ToBase64String(c.Ciphertext)}").ToListAsync();
        var entries = await db.CommitmentEntries.OrderBy(e => e.Id).Select(e => $"{e.Id}:{e.CommitmentId}").ToListAsync();
        var checks = await db.SafetyChecks.OrderBy(c => c.Id).Select(c => $"{c.Id}:{c.UserId}:{c.JourneyKey}").ToListAsync();
        var offers = await db.Offers.OrderBy(o => o.Id).Select(o => $"{o.Id}:{o.OpenedAt:O}:{Convert.ToBase64String(o.Ciphertext)}").ToListAsync();
        var members = await db.PairMembers.OrderBy(m => m.UserId).Select(m => $"{m.UserId}:{m.PairId}:{m.ShareFinishedSteps}:{m.ShareCheckInTrend}").ToListAsync();
        var invitations = await db.PairInvitations.OrderBy(i => i.Id).Select(i => $"{i.Id}:{i.State}:{i.AcceptedById}").ToListAsync();
        var record = await db.DisclosureEvents.OrderBy(e => e.Id).Select(e => $"{e.Id}:{e.Kind}").ToListAsync();
        return string.Join("|", reflections.Concat(progress).Concat(checkIns).Concat(users).Concat(commitments).Concat(entries).Concat(checks)
            .Concat(offers).Concat(members).Concat(invitations).Concat(record))
            + $"|sessions:{await db.Sessions.CountAsync()}";
    }

    private List<AppEndpoint> Endpoints() =>
        [.. _app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is not null && !IsStaticAsset(e))
            .Select(e => new AppEndpoint(
                "/" + e.RoutePattern.RawText!.TrimStart('/'),
                e.Metadata.GetMetadata<IAuthorizeData>() is not null && e.Metadata.GetMetadata<IAllowAnonymous>() is null,
                e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null))
            .DistinctBy(e => e.Pattern)];

    private static bool IsStaticAsset(RouteEndpoint endpoint) =>
        endpoint.RoutePattern.RawText!.Contains('.', StringComparison.Ordinal) && !endpoint.RoutePattern.RawText.TrimStart('/').StartsWith("journal/export", StringComparison.Ordinal)
        || endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.All(m => m is "HEAD") == true;

    private sealed record AppEndpoint(string Pattern, bool RequiresSignIn, bool IsPage)
    {
        public bool TakesId => Pattern.Contains("{id", StringComparison.Ordinal);

        // Fills route parameters with values that exist, so the page itself (not the router) answers.
        public string Url(Guid id) => Pattern
            .Replace("{section}", "rebuilding-trust", StringComparison.Ordinal)
            .Replace("{journey}", "rebuilding-trust", StringComparison.Ordinal)
            .Replace("{step}", "acknowledge-the-breach", StringComparison.Ordinal)
            .Replace("{id:guid}", id.ToString(), StringComparison.Ordinal)
            .Replace("{code:int?}", "404", StringComparison.Ordinal);
    }
}
