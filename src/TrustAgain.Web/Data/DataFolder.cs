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
            DataFolderPermissions.CreatePrivateDirectory(dataDirectory);
            DataFolderPermissions.TightenFolder(dataDirectory);
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

// Everything in the data folder is the app's alone: other local users can neither list the folder nor read its
// files (folders 700, files 600), whatever the process's umask would have given them.
public static class DataFolderPermissions
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    // Creates a missing folder owner-only; an existing one is left as it is.
    public static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        Directory.CreateDirectory(path, OwnerOnlyFolder);
    }

    // Takes group and others' access away from a folder of ours that an earlier version created more open.
    public static void TightenFolder(string path)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & GroupOrOthers) != 0)
        {
            TryTighten(path, File.GetUnixFileMode(path) & ~GroupOrOthers);
        }
    }

    public static void MakeOwnerOnly(string file)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, OwnerOnlyFile);
        }
    }

    // SQLite creates its -wal and -shm files with the permissions of the database file, so the database file is
    // created owner-only before SQLite first opens it (an empty file is a valid new database), and an existing
    // one with its companions is tightened.
    public static void PrepareDatabaseFile(string databaseFile)
    {
        if (OperatingSystem.IsWindows() || string.IsNullOrEmpty(databaseFile) || databaseFile == ":memory:")
        {
            return;
        }
        if (!File.Exists(databaseFile))
        {
            using var created = new FileStream(databaseFile, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyFile,
            });
        }
        foreach (var file in new[] { databaseFile, databaseFile + "-wal", databaseFile + "-shm" }.Where(File.Exists))
        {
            if ((File.GetUnixFileMode(file) & GroupOrOthers) != 0)
            {
                TryTighten(file, OwnerOnlyFile);
            }
        }
    }

    // A folder or file owned by someone else cannot be changed; it still works, and stays as its owner made it.
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void TryTighten(string path, UnixFileMode mode)
    {
        try
        {
            File.SetUnixFileMode(path, mode);
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
