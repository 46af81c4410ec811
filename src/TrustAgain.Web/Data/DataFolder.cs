namespace TrustAgain.Web.Data;

// The data folder holds the database and the journal key. A missing folder is created on first start; one that
// cannot be created, or exists but cannot be written (a read-only mount, wrong owner, full disk), stops start-up
// here with a message that names it, rather than as a stack trace from whichever write happened to come first.
public static class DataFolder
{
    public static bool PrepareDataFolder(this WebApplication app, TextWriter errors)
    {
        var dataDirectory = app.Services.GetRequiredService<AppPaths>().DataDirectory;
        try
        {
            Directory.CreateDirectory(dataDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"Cannot create the data folder {dataDirectory}: {e.Message} " +
                "Create it, or choose another with TrustAgain__DataDirectory.");
            return false;
        }

        // Writing a file is the only reliable test: permission bits say nothing about a read-only mount, or root.
        var probe = Path.Combine(dataDirectory, $".write-check-{Environment.ProcessId}");
        try
        {
            using (var file = new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough))
            {
                file.WriteByte(0);
            }
            File.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"The data folder {dataDirectory} is not writable: {e.Message} " +
                "TrustAgain keeps its database there and must be able to write to it: check the disk, the mount and the owner.");
            return false;
        }
    }
}
