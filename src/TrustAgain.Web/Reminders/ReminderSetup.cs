namespace TrustAgain.Web.Reminders;

public static class ReminderSetup
{
    // Reminders: the settings page's store, the stop links, what each reminder says, and the sender that runs on
    // every instance (TrustAgain__Reminders__Send=false turns it off on one).
    public static void AddReminders(this WebApplicationBuilder builder)
    {
        builder.AddSettings<ReminderOptions>(ReminderOptions.SectionName);
        builder.Services.AddScoped<ReminderPreferences>();
        builder.Services.AddScoped<ReminderNotes>();
        builder.Services.AddSingleton<ReminderLinks>();
        builder.Services.AddSingleton<ReminderCalendar>();
        builder.Services.AddSingleton<ReminderSender>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ReminderSender>());
    }
}
