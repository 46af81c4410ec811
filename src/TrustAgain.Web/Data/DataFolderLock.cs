namespace TrustAgain.Web.Data;

// One server process per data folder, held for the app's lifetime and released by the OS if the process dies.
// Besides keeping two servers off one SQLite file, it proves that a migration lock row found at start-up was
// left by a process that died mid-migration, so it can be cleared instead of blocking every start after a crash.
public sealed class DataFolderLock : IDisposable
{
    private readonly FileStream _file;

    private DataFolderLock(FileStream file) => _file = file;

    public static DataFolderLock? TryAcquire(string dataDirectory)
    {
        try
        {
            return new DataFolderLock(new FileStream(Path.Combine(dataDirectory, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _file.Dispose();
}
