using Microsoft.AspNetCore.DataProtection;
using TrustAgain.Web.Data;

namespace TrustAgain.Web.Encryption;

public static class EncryptionSetup
{
    // The key-encryption key (from TrustAgain__JournalKey, or the key file), the cipher that wraps and opens each
    // person's data key with it, and the Data Protection keys it seals.
    public static void AddEncryption(this WebApplicationBuilder builder, AppPaths paths, TrustAgainOptions options)
    {
        var keyFile = string.IsNullOrWhiteSpace(options.JournalKeyFile) ? paths.DefaultKeyFile : Path.GetFullPath(options.JournalKeyFile);
        var keyEncryptionKey = KeyEncryptionKey.Load(options.JournalKey, keyFile);
        builder.Services.AddSingleton(keyEncryptionKey);

        // Cookie and antiforgery keys live in the database (shared by every instance, kept across restarts),
        // sealed with the key-encryption key.
        builder.Services.AddDataProtection()
            .SetApplicationName("TrustAgain")
            .PersistKeysToDbContext<AppDbContext>()
            .AddKeyManagementOptions(keys => keys.XmlEncryptor = new KeyEncryptionKeyXmlEncryptor(keyEncryptionKey));

        builder.Services.AddSingleton<JournalCipher>();
        // PersonKeys keeps an active person's unwrapped data key in memory.
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<PersonKeys>();
    }
}
