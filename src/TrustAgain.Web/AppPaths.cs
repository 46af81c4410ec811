using Microsoft.Extensions.Options;

namespace TrustAgain.Web;

// Resolves where the guide and the data folder live. A clone keeps both at the repository root (found by
// walking up to TrustAgain.sln); a published app carries content/ beside its binaries.
public sealed record AppPaths(string ContentDirectory, string DataDirectory)
{
    public string DatabaseFile => Path.Combine(DataDirectory, "trustagain.db");

    public string DefaultKeyFile => Path.Combine(DataDirectory, "keys", "journal.key");

    public string MailPickupDirectory => Path.Combine(DataDirectory, "mail");

    public static AppPaths Resolve(TrustAgainOptions options)
    {
        var repositoryRoot = FindRepositoryRoot();
        var content = Absolute(options.ContentDirectory)
            ?? (repositoryRoot is null ? null : Path.Combine(repositoryRoot, "content"))
            ?? Path.Combine(AppContext.BaseDirectory, "content");
        var data = Absolute(options.DataDirectory)
            ?? Path.Combine(repositoryRoot ?? AppContext.BaseDirectory, "data");
        return new AppPaths(content, data);
    }

    private static string? Absolute(string path) =>
        string.IsNullOrWhiteSpace(path) ? null : Path.GetFullPath(path);

    private static string? FindRepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "TrustAgain.sln"))
                    && Directory.Exists(Path.Combine(dir.FullName, "content")))
                {
                    return dir.FullName;
                }
            }
        }
        return null;
    }
}

public static class AppPathsSetup
{
    // The TrustAgain section's settings, and the folders they point at, for everything that reads or writes files.
    public static void AddAppPaths(this WebApplicationBuilder builder)
    {
        builder.AddSettings<TrustAgainOptions>(TrustAgainOptions.SectionName);
        builder.Services.AddSingleton(services => AppPaths.Resolve(services.GetRequiredService<IOptions<TrustAgainOptions>>().Value));
    }
}
