using System.Net;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace TrustAgain.Tests.Data;

// Disk full, read-only database, I/O error, busy past the timeout: the person keeps their text, is told plainly
// that nothing was saved, and can save again as soon as the fault is gone, without a restart.
public sealed class StorageFailureTests : IDisposable
{
    private const string CouldNotSave = "We could not save this — your text is still here.";

    private readonly StorageFaults _faults = new();
    private readonly TestApp _app;

    public StorageFailureTests() => _app = new TestApp(services: services => services.AddSingleton<IInterceptor>(_faults));

    public void Dispose() => _app.Dispose();

    public static TheoryData<int> Faults => [StorageFaults.DiskFull, StorageFaults.ReadOnly, StorageFaults.IoError, StorageFaults.Busy];

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task ANewReflectionThatCannotBeStoredComesBackInTheBoxWith503(int fault)
    {
        var client = await _app.RegisteredClientAsync();
        var canary = $"canary-{Guid.NewGuid():N} what I finally said out loud";
        _faults.Inject(fault);

        var response = await client.WriteAsync(JourneySteps.FirstStep, canary);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains(CouldNotSave, page.Text("[role=alert]"));
        Assert.Equal(canary, page.QuerySelector("textarea[name='Input.Text']")?.TextContent);
        Assert.DoesNotContain("Nothing yet", page.Text());
        _faults.Clear();
        Assert.DoesNotContain(canary, await client.ReflectionTextsAsync(JourneySteps.FirstStep));
        AssertLoggedOnceWithoutText(canary);

        Assert.Equal(HttpStatusCode.OK, (await client.WriteAsync(JourneySteps.FirstStep, canary)).StatusCode);
        Assert.Equal([canary], await client.ReflectionTextsAsync(JourneySteps.FirstStep));
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task AnEditThatCannotBeStoredComesBackInTheBoxWith503AndTheSavedVersionStays(int fault)
    {
        var client = await _app.RegisteredClientAsync();
        var id = await client.WriteReflectionAsync(JourneySteps.FirstStep, "The version that is saved.");
        var canary = $"canary-{Guid.NewGuid():N} the edit";
        _faults.Inject(fault);

        var response = await client.SubmitAsync($"/journal/{id}/edit", new Dictionary<string, string> { ["Input.Text"] = canary });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains(CouldNotSave, page.Text("[role=alert]"));
        Assert.Equal(canary, page.QuerySelector("textarea[name='Input.Text']")?.TextContent);
        _faults.Clear();
        Assert.Equal(["The version that is saved."], await client.ReflectionTextsAsync(JourneySteps.FirstStep));
        AssertLoggedOnceWithoutText(canary);

        // The form as it came back is the one the person submits again.
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("main form[method=post]")!;
        Assert.Equal(HttpStatusCode.OK, (await client.SubmitAsync(form, $"/journal/{id}/edit", new Dictionary<string, string>())).StatusCode);
        Assert.Equal([canary], await client.ReflectionTextsAsync(JourneySteps.FirstStep));
    }

    [Fact]
    public async Task AFailureThatIsNotStorageIsStillAnError()
    {
        var client = await _app.RegisteredClientAsync();
        _faults.Inject(19); // SQLITE_CONSTRAINT: a bug, not a passing storage fault

        var response = await client.WriteAsync(JourneySteps.FirstStep, "Some words.");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain(CouldNotSave, await response.Content.ReadAsStringAsync());
    }

    private void AssertLoggedOnceWithoutText(string canary)
    {
        Assert.Single(_app.Logs.Lines, line => line.Contains("TrustAgain.Storage", StringComparison.Ordinal));
        Assert.DoesNotContain(_app.Logs.Lines, line => line.Contains("canary", StringComparison.Ordinal));
        Assert.DoesNotContain(_app.Logs.Lines, line => line.Contains(canary, StringComparison.Ordinal));
    }
}
