using System.Diagnostics;

namespace TrustAgain.Durability.Support;

// The app as it is deployed: published once per test run, from the build this test run already made (the project
// reference builds it first), then started as often as the tests need. It goes beside the test assembly, in bin/,
// so nothing is left behind in /tmp however the test host ends.
public static class PublishedApp
{
    private static readonly Lazy<Task<string>> Folder = new(PublishAsync);

    public static Task<string> FolderAsync() => Folder.Value;

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static async Task<string> PublishAsync()
    {
        var output = Path.Combine(AppContext.BaseDirectory, "published-app");
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }
        // The test assembly lives in bin/<Configuration>/net10.0: publish the app built in the same configuration.
        var configuration = Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)))!;
        var project = Path.Combine(RepositoryRoot, "src", "TrustAgain.Web", "TrustAgain.Web.csproj");
        var start = new ProcessStartInfo("dotnet", ["publish", project, "-c", configuration, "--no-build", "-o", output, "--nologo", "-v", "q"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var publish = Process.Start(start)!;
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({publish.ExitCode}):\n{await stdout}\n{await stderr}");
        }
        return output;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TrustAgain.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The durability tests must run from inside the repository.");
    }
}
