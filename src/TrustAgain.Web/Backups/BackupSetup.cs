namespace TrustAgain.Web.Backups;

public static class BackupSetup
{
    public static void AddScheduledBackups(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BackupOptions>()
            .Bind(builder.Configuration.GetSection(BackupOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHostedService<ScheduledBackups>();
    }
}
