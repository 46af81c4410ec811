using TrustAgain.Web.Journal;
namespace TrustAgain.Web.Insights;

public static class InsightsSetup
{
    public static void AddInsights(this IServiceCollection services)
    {
        services.AddScoped<CheckIns>();
        services.AddScoped<ThenAndNow>();
    }
}
