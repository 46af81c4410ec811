namespace TrustAgain.Web.TimeZones;

public static class TimeZoneSetup
{
    // Each person's local time on every page: their zone is read once per request for signed-in pages.
    public static void AddPersonClock(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddScoped<PersonClock>();
    }
}
