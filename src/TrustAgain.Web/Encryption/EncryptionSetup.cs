using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using TrustAgain.Web.Data;

namespace TrustAgain.Web.Encryption;

public static class EncryptionSetup
{
    // The key-encryption key (TrustAgain__JournalKey, or the key file), the cipher that wraps and opens each person's
    // data key with it, and the Data Protection keys it seals. The key is read once, when start-up first needs it.
    public static void AddEncryption(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(services =>
        {
            var settings = services.GetRequiredService<IOptions<TrustAgainOptions>>().Value;
            var keyFile = string.IsNullOrWhiteSpace(settings.JournalKeyFile)
                ? services.GetRequiredService<AppPaths>().DefaultKeyFile
                : Path.GetFullPath(settings.JournalKeyFile);
            return KeyEncryptionKey.Load(settings.JournalKey, keyFile);
        });

        // Cookie and antiforgery keys live in the database (shared by every instance, kept across restarts),
        // sealed with the key-encryption key.
        builder.Services.AddDataProtection()
            .SetApplicationName("TrustAgain")
            .PersistKeysToDbContext<AppDbContext>();
        builder.Services.AddOptions<KeyManagementOptions>().Configure<KeyEncryptionKey>((keys, key) =>
            keys.XmlEncryptor = new KeyEncryptionKeyXmlEncryptor(key));

        builder.Services.AddSingleton<JournalCipher>();
        // PersonKeys keeps an active person's unwrapped data key in memory.
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<PersonKeys>();
    }
}
