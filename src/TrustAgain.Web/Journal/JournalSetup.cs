using Microsoft.AspNetCore.DataProtection;
using TrustAgain.Web.Data;
using TrustAgain.Web.Encryption;
using TrustAgain.Web.Journal.Archive;

namespace TrustAgain.Web.Journal;

public static class JournalSetup
{
    public static void AddJournal(this WebApplicationBuilder builder, AppPaths paths, TrustAgainOptions options)
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
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<PersonKeys>();
        builder.Services.AddScoped<ReflectionJournal>();
        builder.Services.AddScoped<JournalArchive>();
        builder.Services.AddScoped<JournalMarkdown>();
        builder.Services.AddScoped<JournalImport>();
        builder.Services.AddScoped<JourneyProgress>();
        builder.Services.AddScoped<SafetyChecks>();
        builder.Services.AddScoped<CommitmentLedger>();
    }
}
