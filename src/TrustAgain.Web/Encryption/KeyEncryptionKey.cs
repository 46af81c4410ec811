using System.Security.Cryptography;

namespace TrustAgain.Web.Encryption;

// The key that wraps every person's journal key. It lives outside the database (a file in the data folder,
// another path, or an environment variable) so a copied database or backup alone reveals no reflection.
public sealed class KeyEncryptionKey
{
    public const int SizeInBytes = 32;

    private KeyEncryptionKey(byte[] key) => Bytes = key;

    internal byte[] Bytes { get; }

    // A key given in configuration wins; otherwise the key file is read, or created on first start
    // with owner-only permissions.
    public static KeyEncryptionKey Load(string? base64Key, string keyFile)
    {
        if (!string.IsNullOrWhiteSpace(base64Key))
        {
            return new KeyEncryptionKey(Decode(base64Key, "the TrustAgain__JournalKey setting"));
        }
        if (File.Exists(keyFile))
        {
            return new KeyEncryptionKey(Decode(File.ReadAllText(keyFile), keyFile));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(keyFile)!);
        var key = RandomNumberGenerator.GetBytes(SizeInBytes);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var writer = new StreamWriter(keyFile, options))
        {
            writer.Write(Convert.ToBase64String(key));
        }
        return new KeyEncryptionKey(key);
    }

    private static byte[] Decode(string base64, string source)
    {
        try
        {
            var key = Convert.FromBase64String(base64.Trim());
            if (key.Length == SizeInBytes)
            {
                return key;
            }
        }
        catch (FormatException)
        {
        }
        throw new InvalidOperationException(
            $"The journal encryption key in {source} is unreadable: it must be {SizeInBytes} bytes in base64. " +
            "Without the right key no reflection can be read; restore the key file from your backup.");
    }
}
