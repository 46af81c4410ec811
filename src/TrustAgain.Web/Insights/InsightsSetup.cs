namespace TrustAgain.Web.Insights;

public static class InsightsSetup
{
    public static void AddInsights(this WebApplicationBuilder builder) => builder.Services.AddScoped<ThenAndNow>();
}
