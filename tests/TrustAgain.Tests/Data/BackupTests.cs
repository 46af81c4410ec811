using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustAgain.Web.Backups;
using TrustAgain.Web.Journal.Archive;

namespace TrustAgain.Tests.Data;

public sealed class BackupTests : IDisposable
{
    private const string BackupsCopyTheSqliteFile = "backup and restore copy the SQLite file; PostgreSQL is backed up with pg_dump";

    // Each test's backups and restored data folders, deleted afterwards.
    private readonly string _scratch = Directory.CreateTempSubdirectory("trustagain-backup-test-").FullName;

    private static readonly Dictionary<string, string> NoSaveLimit = new() { ["TrustAgain:RateLimits:ReflectionSavesPerMinute"] = "100000" };

    [SqliteFact(BackupsCopyTheSqliteFile)]
    public async Task ABackupTakenWhileSomeoneWritesHoldsEverythingSavedBeforeItStarted()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var backups = Path.Combine(_scratch, "backups");
        string[] savedBeforeBackup;
        await using (var app = new TestApp(settings: NoSaveLimit))
        {
            var client = await app.RegisteredClientAsync(email);
            var saved = new ConcurrentQueue<string>();
            using var stop = new CancellationTokenSource();
            var writer = Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var text = $"Entry {i}, written while the backup runs.";
                    var step = i % 2 == 0 ? JourneySteps.FirstStep : JourneySteps.SecondStep;
                    if ((await client.WriteAsync(step, text)).StatusCode == HttpStatusCode.OK)
                    {
                        saved.Enqueue(text);
                    }
                }
            });
            while (saved.Count < 10)
            {
                await Task.Delay(20);
            }

            savedBeforeBackup = [.. saved];
            var backup = await AppCommand.RunAsync(app.DataDirectory, "backup", backups);
            var savedDuringBackup = saved.Count - savedBeforeBackup.Length;
            await stop.CancelAsync();
            await writer;

            Assert.True(backup.ExitCode == 0, backup.Error);
            Assert.Contains("anyone who has both files can read every journal", backup.Output);
            Assert.True(savedDuringBackup > 0, "The writer should have kept saving while the backup ran.");
        }

        var backupFile = Assert.Single(Directory.GetFiles(backups, "*.db"));
        var keyFile = Assert.Single(Directory.GetFiles(backups, "*.key"));
        Assert.Equal(Path.ChangeExtension(backupFile, ".key"), keyFile);
        Assert.Equal("ok", await SqliteBackup.IntegrityCheckAsync(backupFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backupFile));
        }

        var restoredFolder = Path.Combine(_scratch, "restored");
        var restore = await AppCommand.RunAsync(restoredFolder, "restore", backupFile, "--key", keyFile);
        Assert.True(restore.ExitCode == 0, restore.Error);

        await using var restored = new TestApp(restoredFolder);
        var person = await restored.SignedInClientAsync(email);
        var export = JsonSerializer.Deserialize<JournalExport>(await person.GetStringAsync("/journal/export.json"), JournalArchive.Json)!;
        var texts = export.Reflections.Select(r => r.Text).ToHashSet();
        Assert.All(savedBeforeBackup, text => Assert.Contains(text, texts));
        Assert.DoesNotContain(null, texts);
    }

    [SqliteFact(BackupsCopyTheSqliteFile)]
    public async Task RestoreRefusesADataFolderThatIsNotEmpty()
    {
        var (backupFile, keyFile) = await BackUpSomeoneWhoWroteAsync("Kept safe.");
        var occupied = Path.Combine(_scratch, "occupied");
        Directory.CreateDirectory(occupied);
        await File.WriteAllTextAsync(Path.Combine(occupied, "notes.txt"), "already here");

        var restore = await AppCommand.RunAsync(occupied, "restore", backupFile, "--key", keyFile);

        Assert.Equal(1, restore.ExitCode);
        Assert.Contains("is not empty", restore.Error);
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(occupied).Select(Path.GetFileName));
    }

    [SqliteFact(BackupsCopyTheSqliteFile)]
    public async Task RestoringWithoutTheKeyMakesStartUpRefuseInsteadOfShowingDamagedEntries()
    {
        var (backupFile, _) = await BackUpSomeoneWhoWroteAsync("Only readable with the key.");
        var restoredFolder = Path.Combine(_scratch, "restored-without-key");

        var restore = await AppCommand.RunAsync(restoredFolder, "restore", backupFile);
        var start = await AppCommand.RunAsync(restoredFolder);

        Assert.True(restore.ExitCode == 0, restore.Error);
        Assert.Contains("no key was restored", restore.Output);
        Assert.NotEqual(0, start.ExitCode);
        Assert.Contains("encryption key unavailable", start.Error);
        Assert.False(File.Exists(Path.Combine(restoredFolder, "keys", "journal.key")), "Start-up must not create a new key.");
    }

    [SqliteFact(BackupsCopyTheSqliteFile)]
    public async Task StartUpRefusesAKeyThatDoesNotOpenTheJournals()
    {
        var (backupFile, keyFile) = await BackUpSomeoneWhoWroteAsync("Sealed with the first key.");
        var restoredFolder = Path.Combine(_scratch, "restored");
        Assert.Equal(0, (await AppCommand.RunAsync(restoredFolder, "restore", backupFile, "--key", keyFile)).ExitCode);
        var anotherKey = new Dictionary<string, string> { ["TrustAgain__JournalKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };

        var start = await AppCommand.RunAsync(restoredFolder, anotherKey);

        Assert.NotEqual(0, start.ExitCode);
        Assert.Contains("encryption key unavailable", start.Error);
    }

    [SqliteFact(BackupsCopyTheSqliteFile)]
    public async Task RestoreRefusesAKeyThatDoesNotOpenTheBackup()
    {
        var (backupFile, _) = await BackUpSomeoneWhoWroteAsync("Sealed with the first key.");
        var wrongKey = Path.Combine(_scratch, "wrong.key");
        await File.WriteAllTextAsync(wrongKey, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var restoredFolder = Path.Combine(_scratch, "restored");

        var restore = await AppCommand.RunAsync(restoredFolder, "restore", backupFile, "--key", wrongKey);

        Assert.Equal(1, restore.ExitCode);
        Assert.Contains("does not open the journals", restore.Error);
        Assert.False(Directory.Exists(restoredFolder));
    }

    [SqliteFact(BackupsCopyTheSqliteFile)]
    public async Task ScheduledBackupsKeepOnlyTheNewest()
    {
        var backups = Path.Combine(_scratch, "scheduled");
        var app = new TestApp(settings: new Dictionary<string, string>
        {
            ["TrustAgain:Backup:Folder"] = backups,
            ["TrustAgain:Backup:Interval"] = "00:00:01",
            ["TrustAgain:Backup:Keep"] = "2",
        });
        await using (app)
        {
            var client = await app.RegisteredClientAsync();
            await client.WriteAsync(JourneySteps.FirstStep, "Backed up on a schedule.");

            // Two rounds of rotation: every backup still kept was started after the reflection was saved.
            for (var round = 0; round < 2; round++)
            {
                var seen = await WaitForAsync(() => Directory.Exists(backups) ? Directory.GetFiles(backups, "*.db") is { Length: > 0 } files ? files : null : null);
                await WaitForAsync(() => !seen.Any(File.Exists) && Directory.GetFiles(backups, "*.db").Length == 2 ? "rotated" : null);
            }
        }
        var kept = Directory.GetFiles(backups);

        Assert.Equal(2, kept.Length);
        foreach (var backup in kept)
        {
            Assert.EndsWith(".db", backup);
            Assert.Equal("ok", await SqliteBackup.IntegrityCheckAsync(backup));
            Assert.Equal(1, await CountReflectionsAsync(backup));
        }
        Assert.Contains(app.Logs.Lines, line => line.Contains("written and verified", StringComparison.Ordinal));
    }

    [SqliteFact(BackupsCopyTheSqliteFile)]
    public async Task AFailingScheduledBackupIsLoggedAndRetriedWhileTheAppKeepsServing()
    {
        var notAFolder = Path.Combine(_scratch, "a-file");
        await File.WriteAllTextAsync(notAFolder, "in the way");
        await using var app = new TestApp(settings: new Dictionary<string, string>
        {
            ["TrustAgain:Backup:Folder"] = Path.Combine(notAFolder, "backups"),
            ["TrustAgain:Backup:Interval"] = "00:00:01",
        });
        var client = await app.RegisteredClientAsync();

        await WaitForAsync(() => app.Logs.Lines.Count(line => line.Contains("trying again at the next interval", StringComparison.Ordinal)) >= 2 ? "retried" : null);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/journeys")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private async Task<(string Backup, string Key)> BackUpSomeoneWhoWroteAsync(string text)
    {
        var backups = Path.Combine(_scratch, "backups");
        await using (var app = new TestApp())
        {
            var client = await app.RegisteredClientAsync();
            await client.WriteReflectionAsync(JourneySteps.FirstStep, text);
            var backup = await AppCommand.RunAsync(app.DataDirectory, "backup", backups);
            Assert.True(backup.ExitCode == 0, backup.Error);
        }
        return (Directory.GetFiles(backups, "*.db").Single(), Directory.GetFiles(backups, "*.key").Single());
    }

    private static async Task<long> CountReflectionsAsync(string databaseFile)
    {
        await using var connection = new SqliteConnection($"Data Source={databaseFile};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Reflections";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> condition) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (condition() is { } value)
            {
                return value;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The scheduled backup did not do what was expected within 30 s.");
    }
}
