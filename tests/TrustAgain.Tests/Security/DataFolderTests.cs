using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustAgain.Web.Data;

namespace TrustAgain.Tests.Security;

// The data folder is the app's alone, and what a deleted account leaves in it cannot be read back.
public sealed class DataFolderTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [SqliteFact("file permissions of the SQLite database and the mail folder")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task EveryFolderIsOwnerOnlyAndEveryFileTooDatabaseAndMailIncluded()
    {
        var client = await _app.RegisteredClientAsync();
        await client.WriteAsync(JourneySteps.FirstStep, "Something written.");
        var data = _app.DataDirectory;

        Assert.True(File.Exists(Path.Combine(data, "trustagain.db-wal")));
        Assert.NotEmpty(Directory.GetFiles(MailPickup.Folder(data)));
        foreach (var folder in Directory.GetDirectories(data, "*", SearchOption.AllDirectories).Append(data))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        }
        foreach (var file in Directory.GetFiles(data, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != ".lock"))
        {
            Assert.True(File.GetUnixFileMode(file) == (UnixFileMode.UserRead | UnixFileMode.UserWrite), $"{file} is {File.GetUnixFileMode(file)}");
        }
    }

    [Fact]
    public async Task MailOlderThanItsLinksIsDeletedWhenTheNextIsWritten()
    {
        (await _app.RegisteredClientAsync()).Dispose();
        var old = Assert.Single(Directory.GetFiles(MailPickup.Folder(_app.DataDirectory)));
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddHours(-25));

        await _app.SignUpLinkAsync($"{Guid.NewGuid():N}@example.com");

        Assert.False(File.Exists(old));
        Assert.Single(Directory.GetFiles(MailPickup.Folder(_app.DataDirectory)));
    }

    [SqliteFact("reads the SQLite database and write-ahead log files byte by byte")]
    public async Task ADeletedAccountLeavesNoIdsCiphertextOrMailInTheDataFolder()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var leaving = await _app.RegisteredClientAsync(email);
        var staying = await _app.RegisteredClientAsync();
        for (var i = 0; i < 20; i++)
        {
            await leaving.WriteAsync(JourneySteps.FirstStep, $"A private thought, number {i}, that should vanish.");
        }
        await leaving.CheckInAsync(3, 4, ["sad"], "A check-in note to vanish.");
        await leaving.LogAsync(await leaving.AgreeAsync("An agreement to vanish."), "Kept");
        await staying.WriteAsync(JourneySteps.FirstStep, "Someone else's, kept.");
        var traces = await TracesOfAsync(email);

        await leaving.SubmitAsync("/account/delete", new Dictionary<string, string> { ["Password"] = People.Password });

        // A copy of the folder taken now, while the server runs: database, write-ahead log and all.
        // (The folder lock is an empty file that the server holds open.)
        var files = Directory.GetFiles(_app.DataDirectory, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != ".lock").ToList();
        Assert.Contains(files, f => f.EndsWith("trustagain.db", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            foreach (var (what, trace) in traces)
            {
                Assert.True(bytes.AsSpan().IndexOf(trace) < 0, $"{Path.GetFileName(file)} still holds the deleted person's {what}");
            }
        }
    }

    // Everything that would identify the person or their rows in the raw files: ids as text (both cases, as SQLite
    // stores them) and as bytes, the address, their wrapped key and a slice of every ciphertext they stored.
    private async Task<List<(string What, byte[] Bytes)>> TracesOfAsync(string email)
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
        var traces = new List<(string, byte[])> { ("address", Encoding.UTF8.GetBytes(email)), ("address", Encoding.UTF8.GetBytes(email.ToUpperInvariant())), ("wrapped key", user.WrappedDataKey[^16..]) };
        traces.AddRange(Id("user id", user.Id));
        foreach (var reflection in await db.Reflections.AsNoTracking().Where(r => r.UserId == user.Id).ToListAsync())
        {
            traces.AddRange(Id("reflection id", reflection.Id.ToString()));
            traces.Add(("reflection ciphertext", reflection.Ciphertext[^16..]));
        }
        foreach (var checkIn in await db.CheckIns.AsNoTracking().Where(c => c.UserId == user.Id).ToListAsync())
        {
            traces.Add(("check-in ciphertext", checkIn.Ciphertext[^16..]));
        }
        foreach (var commitment in await db.Commitments.AsNoTracking().Where(c => c.UserId == user.Id).ToListAsync())
        {
            traces.Add(("commitment ciphertext", commitment.Ciphertext[^16..]));
        }
        return traces;
    }

    private static IEnumerable<(string, byte[])> Id(string what, string id) =>
        [(what, Encoding.UTF8.GetBytes(id.ToLowerInvariant())), (what, Encoding.UTF8.GetBytes(id.ToUpperInvariant())),
            (what, Guid.TryParse(id, out var guid) ? guid.ToByteArray() : Encoding.UTF8.GetBytes(id))];
}
