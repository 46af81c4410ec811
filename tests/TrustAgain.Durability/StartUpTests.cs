namespace TrustAgain.Durability;

// A missing data folder is created on first start (the README's promise). One that cannot be created, or exists
// but cannot be written, stops start-up at once with a message naming it and a non-zero exit code, instead of the
// app starting and then failing every save.
public sealed class StartUpTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AMissingDataFolderIsCreatedOnFirstStart()
    {
        var parent = Directory.CreateTempSubdirectory("trustagain-durability-").FullName;
        var data = Path.Combine(parent, "not", "yet", "there");
        try
        {
            await using (var app = await AppProcess.StartAsync(data, AppProcess.FreePort()))
            {
                using var person = await Person.RegisterAsync(app);
            }
            Assert.True(File.Exists(Path.Combine(data, "trustagain.db")));
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [Fact]
    public async Task ADataFolderThatCannotBeCreatedStopsStartUpWithAClearMessage()
    {
        // Not even root can create a folder inside a file.
        var file = Path.GetTempFileName();
        try
        {
            var (exitCode, output) = await AppProcess.RunUntilExitAsync(Path.Combine(file, "data"), Timeout);

            Assert.NotEqual(0, exitCode);
            Assert.Contains($"Cannot create the data folder {Path.Combine(file, "data")}", output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TmpfsFact]
    public async Task AReadOnlyDataFolderStopsStartUpWithAClearMessage()
    {
        using var disk = Tmpfs.Mount("16m");
        var data = Path.Combine(disk.Path, "data");
        await using (var app = await AppProcess.StartAsync(data, AppProcess.FreePort()))
        {
            Assert.Equal(0, await app.TerminateAsync(Timeout));
        }
        disk.RemountReadOnly();

        var (exitCode, output) = await AppProcess.RunUntilExitAsync(data, Timeout);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"The data folder {data} is not writable", output);
    }
}
