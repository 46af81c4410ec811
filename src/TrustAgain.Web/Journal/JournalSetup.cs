using TrustAgain.Web.Journal.Archive;

namespace TrustAgain.Web.Journal;

public static class JournalSetup
{
    // The stores, each the one owner of a kind of personal row, the export and import built on them, and the search index.
    public static void AddJournal(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReflectionJournal>();
        builder.Services.AddScoped<JournalSearches>();
        builder.Services.AddScoped<JourneyProgress>();
        builder.Services.AddScoped<CheckIns>();
        builder.Services.AddScoped<CommitmentLedger>();
        builder.Services.AddScoped<SafetyChecks>();
        builder.Services.AddScoped<PairLinks>();
        builder.Services.AddScoped<PartnerOffers>();
        builder.Services.AddScoped<JournalArchive>();
        builder.Services.AddScoped<JournalMarkdown>();
        builder.Services.AddScoped<JournalImport>();
        // Indexes journals written before the search index existed, in the background (see SearchIndexing).
        builder.Services.AddHostedService<SearchIndexing>();
    }
}
