namespace TrustAgain.Web.Summaries;

public static class SummarySetup
{
    public static void AddSummaries(this IServiceCollection services) => services.AddScoped<CounsellorSummaries>();
}
