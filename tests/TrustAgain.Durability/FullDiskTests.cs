using System.Net;
using Xunit.Abstractions;

namespace TrustAgain.Durability;

// A real full disk, on a tiny tmpfs: the save that cannot be written comes back with its text and 503, nothing
// half-written is left, and saving works again as soon as there is space, without a restart.
public sealed class FullDiskTests(ITestOutputHelper output)
{
    private const string CouldNotSave = "We could not save this — your text is still here.";

    [TmpfsFact]
    public async Task OnAFullDiskTheTextComesBackWith503AndSavingWorksAgainOnceThereIsSpace()
    {
        using var disk = Tmpfs.Mount("16m");
        var data = Path.Combine(disk.Path, "data");
        var port = AppProcess.FreePort();
        var saved = new List<string>();
        await using (var app = await AppProcess.StartAsync(data, port))
        {
            using var person = await Person.RegisterAsync(app);
            var filler = Path.Combine(disk.Path, "filler");
            Fill(filler);

            // SQLite reuses space it already has, so the first saves may still fit; keep writing until one does not.
            HttpResponseMessage? refused = null;
            string canary = "";
            for (var i = 0; i < 200 && refused is null; i++)
            {
                canary = $"canary-{i}-{Guid.NewGuid():N} " + new string('x', 15_000);
                var response = await person.WriteAsync(canary);
                if (response.StatusCode == HttpStatusCode.Redirect)
                {
                    saved.Add(canary);
                }
                else
                {
                    refused = response;
                }
            }
            output.WriteLine($"Disk full after {saved.Count} more saves");
            Assert.NotNull(refused);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            var page = await refused.ParseAsync();
            Assert.Contains(CouldNotSave, page.Text("[role=alert]"));
            Assert.Equal(canary, page.QuerySelector("textarea[name='Input.Text']")?.TextContent);
            Assert.Single(app.Output.Split('\n'), line => line.Contains("Storage event SaveFailed", StringComparison.Ordinal));
            Assert.DoesNotContain("canary", app.Output, StringComparison.Ordinal);

            File.Delete(filler);
            Assert.Equal(HttpStatusCode.Redirect, (await person.WriteAsync(canary)).StatusCode);
            saved.Add(canary);
            Assert.Equal(saved.Order(), (await person.StoredTextsAsync()).OfType<string>().Order());
            Assert.Equal(0, await app.TerminateAsync(TimeSpan.FromSeconds(30)));
        }
        Assert.Equal("ok", await Database.IntegrityCheckAsync(data));
    }

    // Writes until the disk refuses another byte.
    private static void Fill(string path)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        var block = new byte[4096];
        try
        {
            while (true)
            {
                file.Write(block);
            }
        }
        catch (IOException)
        {
        }
    }
}
