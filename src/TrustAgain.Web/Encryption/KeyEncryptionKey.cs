using System.Security.Cryptography;
using TrustAgain.Web.Data;

namespace TrustAgain.Web.Encryption;

// The key that wraps every person's journal key. It lives outside the database (a file in the data folder,
// another path, or an environment variable) so a copied database or backup alone reveals no reflection.
public sealed class KeyEncryptionKey
{
    public const int SizeInBytes = 32;

    private bool _waitingToBeSaved;

    private KeyEncryptionKey(byte[] key, string source, string? keyFile, bool waitingToBeSaved)
    {
        Bytes = key;
        Source = source;
        KeyFile = keyFile;
        _waitingToBeSaved = waitingToBeSaved;
    }

    internal byte[] Bytes { get; }

    // Where the key came from, for messages that tell an operator what to fix.
    public string Source { get; }

    // The key file this app reads; null when the key is given in the TrustAgain__JournalKey setting.
    public string? KeyFile { get; }

    // True on a fresh install: no key was configured and the key file does not exist yet. The new key is kept in
    // memory until start-up has seen that the database holds nobody's journal; when it does, the key file was
    // lost (or not restored) and a fresh key could only show every entry as damaged.
    public bool IsNew => _waitingToBeSaved;

    // A key given in configuration wins; otherwise the key file is read, or a new key is made for a fresh install.
    public static KeyEncryptionKey Load(string? base64Key, string keyFile)
    {
        if (!string.IsNullOrWhiteSpace(base64Key))
        {
            const string setting = "the TrustAgain__JournalKey setting";
            return new KeyEncryptionKey(Decode(base64Key, setting), setting, keyFile: null, waitingToBeSaved: false);
        }
        if (File.Exists(keyFile))
        {
            return FromFile(keyFile);
        }
        return new KeyEncryptionKey(RandomNumberGenerator.GetBytes(SizeInBytes), $"the key file {keyFile}", keyFile, waitingToBeSaved: true);
    }

    public static KeyEncryptionKey FromFile(string keyFile) =>
        new(Decode(File.ReadAllText(keyFile), keyFile), $"the key file {keyFile}", keyFile, waitingToBeSaved: false);

    // Writes a new key to its file with owner-only permissions; called once start-up knows the install is fresh.
    public void SaveNewKeyFile()
    {
        if (!_waitingToBeSaved)
        {
            throw new InvalidOperationException("Only a new key is saved; an existing key is never overwritten.");
        }
        WriteOwnerOnly(KeyFile!);
        _waitingToBeSaved = false;
    }

    // Writes this key, as base64, to a new file readable only by its owner (the key file, or a backup of it).
    public void WriteOwnerOnly(string file)
    {
        DataFolderPermissions.CreatePrivateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var stream = new FileStream(file, options);
        using (var writer = new StreamWriter(stream, leaveOpen: true))
        {
            writer.Write(Convert.ToBase64String(Bytes));
        }
        stream.Flush(flushToDisk: true);
    }

    // Whether a key given as base64 (the TrustAgain__JournalKey setting, or a key file's contents) can be used.
    public static bool IsReadable(string base64) => TryDecode(base64) is not null;

    private static byte[]? TryDecode(string base64)
    {
        try
        {
            var key = Convert.FromBase64String(base64.Trim());
            return key.Length == SizeInBytes ? key : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static byte[] Decode(string base64, string source) =>
        TryDecode(base64) ?? throw new InvalidOperationException(
            $"The journal encryption key in {source} is unreadable: it must be {SizeInBytes} bytes in base64. " +
            "Without the right key no reflection can be read; restore the key file from your backup.");
}
