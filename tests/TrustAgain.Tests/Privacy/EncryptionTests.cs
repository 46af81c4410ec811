using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TrustAgain.Web.Data;

namespace TrustAgain.Tests.Privacy;

public sealed class EncryptionTests
{
    [SqliteFact("scans the SQLite files; ADatabaseDumpRevealsNoReflectionText covers PostgreSQL")]
    public async Task ADatabaseCopiedOnItsOwnRevealsNoReflectionText()
    {
        const string canary = "CanaryWordsAboutTheAffair7731";
        var data = Directory.CreateTempSubdirectory("trustagain-canary-").FullName;
        await using (var app = new TestApp(data))
        {
            var client = await app.RegisteredClientAsync();
            await client.WriteAsync(JourneySteps.FirstStep, canary);
            var id = await client.WriteReflectionAsync(JourneySteps.SecondStep, "short one");
            await client.SubmitAsync($"/journal/{id}/edit", new Dictionary<string, string> { ["Input.Text"] = canary + " edited" });
            Assert.Contains(canary, await client.GetStringAsync("/journal"));
            // A search is kept for the session, so its words are in the database too.
            var search = await client.SubmitAsync("/journal", new Dictionary<string, string> { ["q"] = canary });
            Assert.Contains(canary + " edited", await search.Content.ReadAsStringAsync());
            Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(canary, StringComparison.Ordinal));
        }

        var databaseFiles = Directory.GetFiles(data, "trustagain.db*");
        Assert.NotEmpty(databaseFiles);
        foreach (var file in databaseFiles)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(canary)));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(canary)));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.BigEndianUnicode.GetBytes(canary)));
        }
        Directory.Delete(data, recursive: true);
    }

    [PostgresFact]
    public async Task ADatabaseDumpRevealsNoReflectionTextOrDataProtectionKey()
    {
        const string canary = "CanaryWordsAboutTheAffair7731";
        await using var app = new TestApp();
        var client = await app.RegisteredClientAsync();
        await client.WriteAsync(JourneySteps.FirstStep, canary);
        var id = await client.WriteReflectionAsync(JourneySteps.SecondStep, "short one");
        await client.SubmitAsync($"/journal/{id}/edit", new Dictionary<string, string> { ["Input.Text"] = canary + " edited" });
        Assert.Contains(canary, await client.GetStringAsync("/journal"));
        // Check-ins and commitments are sealed the same way.
        await client.CheckInAsync(3, 9, ["guarded"], canary + " check-in");
        var agreement = await client.AgreeAsync(canary + " wording");
        await client.LogAsync(agreement, "Slipped", note: canary + " note");
        await client.SubmitAsync("/journal", new Dictionary<string, string> { ["q"] = canary + " search" });

        var dump = await DumpEveryTableAsync(app.PostgresConnectionString!);

        Assert.Contains(id.ToString(), dump, StringComparison.Ordinal);
        Assert.Contains("<sealedKey", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", dump, StringComparison.Ordinal);
        Assert.DoesNotContain(canary, dump, StringComparison.Ordinal);
        Assert.DoesNotContain("guarded", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("Slipped", dump, StringComparison.Ordinal);
        // bytea columns appear as hex in a dump.
        foreach (var encoding in new[] { Encoding.UTF8, Encoding.Unicode, Encoding.BigEndianUnicode })
        {
            Assert.DoesNotContain(Convert.ToHexStringLower(encoding.GetBytes(canary)), dump, StringComparison.Ordinal);
        }
    }

    // Every row of every table as PostgreSQL's own text form: what a plain pg_dump of the data would hold.
    private static async Task<string> DumpEveryTableAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var dump = new StringBuilder();
        foreach (var table in tables)
        {
            await using var rows = new NpgsqlCommand($"SELECT t::text FROM \"{table}\" t", connection);
            await using var reader = await rows.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                dump.AppendLine(reader.GetString(0));
            }
        }
        return dump.ToString();
    }

    [Fact]
    public async Task AnInstanceWithAnotherKeyRefusesToStartOnStoredJournals()
    {
        var app = new TestApp();
        var client = await app.RegisteredClientAsync();
        await client.WriteAsync(JourneySteps.FirstStep, "Written under the first key.");
        await using var restarted = await app.RestartAsync();
        // What an instance given no key (and so creating its own) or the wrong key file would hold.
        await File.WriteAllTextAsync(Path.Combine(restarted.DataDirectory, "keys", "journal.key"),
            Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));

        Assert.ThrowsAny<Exception>(() => restarted.NewClient());
    }

    [SqliteFact("scans the SQLite database files; ADatabaseDumpRevealsNoReflectionTextOrDataProtectionKey covers PostgreSQL")]
    public async Task ADatabaseCopiedOnItsOwnRevealsNoCommitmentOrSafetyAnswer()
    {
        const string canary = "CanaryAgreementAboutSundays5519";
        var data = Directory.CreateTempSubdirectory("trustagain-canary-").FullName;
        await using (var app = new TestApp(data))
        {
            var client = await app.RegisteredClientAsync();
            var id = await client.AgreeAsync(canary + " wording");
            await client.LogAsync(id, "Slipped", note: canary + " note");
            await client.LogAsync(id, "Renegotiated", newWording: canary + " renegotiated");
            await client.SubmitAsync("/journeys/forgiveness/safety-check", new Dictionary<string, string>
            {
                ["Answers[fear]"] = "NotSure", ["Answers[threats]"] = "No", ["Answers[control]"] = "No", ["Answers[violence]"] = "No", ["KeepAnswers"] = "true",
            });
            var page = await client.GetStringAsync($"/commitments/{id}");
            Assert.Contains(canary + " note", page);
            Assert.Contains(canary + " wording", page);
            Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(canary, StringComparison.Ordinal));
        }

        foreach (var file in Directory.GetFiles(data, "trustagain.db*"))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            foreach (var secret in new[] { canary, "Slipped", "Renegotiated", "NotSure" })
            {
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)));
            }
        }
        Directory.Delete(data, recursive: true);
    }

    [SqliteFact("scans the SQLite database files; ADatabaseDumpRevealsNoReflectionTextOrDataProtectionKey covers PostgreSQL")]
    public async Task ADatabaseCopiedOnItsOwnRevealsNoCheckInNoteOrAnswers()
    {
        const string canary = "CanaryCheckInNote5519";
        var data = Directory.CreateTempSubdirectory("trustagain-canary-").FullName;
        await using (var app = new TestApp(data))
        {
            var client = await app.RegisteredClientAsync();
            await client.CheckInAsync(3, 9, ["confused", "guarded"], canary);
            Assert.Contains(canary, await client.GetStringAsync("/insights"));
            Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(canary, StringComparison.Ordinal));
        }

        var databaseFiles = Directory.GetFiles(data, "trustagain.db*");
        Assert.NotEmpty(databaseFiles);
        foreach (var file in databaseFiles)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            // The note, the feeling words (rare enough to find nowhere else) and the scores as they would be serialised.
            foreach (var secret in new[] { canary, "guarded", "\"trust\":3", "\"safety\":9" })
            {
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)));
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.BigEndianUnicode.GetBytes(secret)));
            }
        }
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task ACheckInMovedToAnotherPersonCannotBeRead()
    {
        await using var app = new TestApp();
        var owner = await app.RegisteredClientAsync();
        var other = await app.RegisteredClientAsync();
        await owner.CheckInAsync(1, 1, note: "Bound to its owner.");
        await other.CheckInAsync(9, 9, note: "Placeholder.");
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var rows = await db.CheckIns.OrderBy(c => c.CreatedAt).ToListAsync();
            rows[1].Ciphertext = rows[0].Ciphertext;
            await db.SaveChangesAsync();
        }

        var page = await other.GetPageAsync("/insights");

        Assert.DoesNotContain("Bound to its owner.", page.Source.Text);
        Assert.NotNull(page.QuerySelector(".check-in-entry .damaged"));
        Assert.Equal("No check-ins yet", page.QuerySelector("#empty-heading")!.TextContent);
    }

    [Fact]
    public async Task ADamagedEntrySaysSoInsteadOfShowingGarbage()
    {
        await using var app = new TestApp();
        var client = await app.RegisteredClientAsync();
        await client.WriteAsync(JourneySteps.FirstStep, "Will be damaged.");
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var row = await db.Reflections.SingleAsync();
            row.Ciphertext[^1] ^= 0xFF;
            db.Entry(row).Property(r => r.Ciphertext).IsModified = true;
            await db.SaveChangesAsync();
        }

        var page = await client.GetPageAsync(JourneySteps.FirstStep);

        Assert.Equal("This entry is damaged and cannot be shown.", page.QuerySelector(".reflection .damaged")!.TextContent);
        Assert.Empty(page.QuerySelectorAll(".reflection-text"));
    }

    [Fact]
    public async Task AReflectionMovedToAnotherPersonCannotBeRead()
    {
        await using var app = new TestApp();
        var owner = await app.RegisteredClientAsync();
        var other = await app.RegisteredClientAsync();
        await owner.WriteAsync(JourneySteps.FirstStep, "Bound to its owner.");
        await other.WriteAsync(JourneySteps.FirstStep, "Placeholder.");
        using (var scope = app.Services.CreateScope())
        {
            // Someone with database access copies the owner's ciphertext over the other person's row.
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var rows = await db.Reflections.OrderBy(r => r.CreatedAt).ToListAsync();
            rows[1].Ciphertext = rows[0].Ciphertext;
            await db.SaveChangesAsync();
        }

        var page = await other.GetPageAsync(JourneySteps.FirstStep);

        Assert.DoesNotContain("Bound to its owner.", page.Source.Text);
        Assert.NotNull(page.QuerySelector(".reflection .damaged"));
    }

    [Fact]
    public async Task TheKeyFileIsCreatedReadableOnlyByItsOwner()
    {
        await using var app = new TestApp();
        await app.NewClient().GetAsync("/");

        var keyFile = Path.Combine(app.DataDirectory, "keys", "journal.key");

        Assert.True(File.Exists(keyFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }
    }
}
