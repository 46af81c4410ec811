using System.Diagnostics;

namespace TrustAgain.Durability.Support;

// A tiny tmpfs mounted for one test: the honest way to fill a disk or make a folder read-only, even as root
// (for whom permission bits mean nothing). Mounting needs root or CAP_SYS_ADMIN, so where it is not allowed the
// tests that need it are skipped with that reason, in CI too: the same failures are also injected in-process
// (TrustAgain.Tests, Data/StorageFailureTests), so a machine without the permission still tests the behaviour.
public sealed class Tmpfs : IDisposable
{
    private Tmpfs(string path) => Path = path;

    public string Path { get; }

    // Null where mounting works; otherwise why not.
    public static string? WhyUnavailable { get; } = Probe();

    public static Tmpfs Mount(string size)
    {
        var path = Directory.CreateTempSubdirectory("trustagain-tmpfs-").FullName;
        try
        {
            Run("mount", "-t", "tmpfs", "-o", $"size={size},mode=0755", "tmpfs", path);
        }
        catch
        {
            Directory.Delete(path);
            throw;
        }
        return new Tmpfs(path);
    }

    public void RemountReadOnly() => Run("mount", "-o", "remount,ro", Path);

    public void Dispose()
    {
        Run("umount", "-l", Path);
        Directory.Delete(Path);
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "Real full-disk and read-only tests need Linux tmpfs; skipped.";
        }
        try
        {
            Mount("64k").Dispose();
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return $"Mounting a tmpfs is not permitted here (needs root or CAP_SYS_ADMIN): {e.Message.Trim()} Skipped; the in-process fault tests cover the same pages.";
        }
    }

    private static void Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command, arguments) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed: {error}");
        }
    }
}

// A test that needs a real tmpfs: skipped, with the reason, where mounting is not allowed.
public sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (Tmpfs.WhyUnavailable is { } reason)
        {
            Skip = reason;
        }
    }
}
