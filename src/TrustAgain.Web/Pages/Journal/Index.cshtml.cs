using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Content;
using TrustAgain.Web.Journal;
using TrustAgain.Web.Security;

namespace TrustAgain.Web.Pages.Journal;

// Searching, summarising and importing cost far more than reading a page, so they are rate limited per person.
[EnableRateLimiting(RateLimits.ExpensiveRequests)]
public sealed class IndexModel(ReflectionJournal journal, JournalSearches searches, GuideLibrary guide) : PageModel
{
    private const int PageSize = 20;

    public const int MaxWords = 200;

    // Search words are private: they arrive in a POST body and are kept server-side for this session; the results
    // page's address names only a random id (see JournalSearches), so Back works and history holds no words.
    [BindProperty]
    public string? Q { get; set; }

    // Which steps to show is not private (it names a journey or a section), so it may travel in the URL.
    [BindProperty(SupportsGet = true)]
    public string? Show { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Deleted { get; set; }

    public JournalPage Entries { get; private set; } = new([], null);

    public bool IsFiltered => !string.IsNullOrWhiteSpace(Q) || !string.IsNullOrEmpty(Show);

    // A search that was kept for another session, or forgotten: the page says so and offers the search again.
    public bool SearchGone { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Search is { } id)
        {
            var sessionId = DatabaseTicketStore.CurrentSessionId(User);
            if (sessionId is null || await searches.FindAsync(User.RequiredUserId(), sessionId.Value, id) is not { } query)
            {
                (SearchGone, Search) = (true, null);
                Response.StatusCode = StatusCodes.Status404NotFound;
                return Page();
            }
            (Q, Show) = (query.Words, query.Show);
        }
        await LoadAsync();
        return Page();
    }

    // POST, then redirect to a GET of the results, so Back and Reload never ask to send the form again.
    public async Task<IActionResult> OnPostAsync()
    {
        var show = string.IsNullOrEmpty(Show) ? null : Show;
        if (string.IsNullOrWhiteSpace(Q))
        {
            return LocalRedirect("/journal" + (show is null ? "" : new QueryBuilder { { "show", show } }.ToString()));
        }
        if (DatabaseTicketStore.CurrentSessionId(User) is not { } sessionId)
        {
            await LoadAsync();
            return Page();
        }
        var id = await searches.KeepAsync(User.RequiredUserId(), sessionId, new JournalQuery(Q.Trim()[..Math.Min(Q.Trim().Length, MaxWords)], show));
        return LocalRedirect($"/journal?search={id:N}");
    }

    public string NextPageUrl(JournalCursor next)
    {
        var query = new QueryBuilder { { "after", next.ToString() } };
        if (Search is { } id)
        {
            query.Add("search", id.ToString("N"));
        }
        else if (!string.IsNullOrEmpty(Show))
        {
            query.Add("show", Show);
        }
        return "/journal" + query;
    }

    private async Task LoadAsync() =>
        Entries = await journal.PageAsync(User.RequiredUserId(), StepsToShow(), Q, JournalCursor.Parse(After), PageSize);

    // The journeys to filter by, then any guide section that is not simply one of them (today every section with
    // steps people write on is a journey, and listing both would show the same names twice).
    public IEnumerable<(string Value, string Title)> Choices =>
        guide.Journeys.Select(j => ($"journey:{j.Key}", j.Title))
            .Concat(guide.Sections
                .Where(s => s.Steps.Count > 0
                    && s.Steps.Any(step => guide.JourneyOf(step) is not null)
                    && !guide.Journeys.Any(j => j.Steps.Select(x => x.Key).Order().SequenceEqual(s.Steps.Select(x => x.Key).Order())))
                .Select(s => ($"section:{s.Key}", s.Title)));

    private string[]? StepsToShow() => Show?.Split(':', 2) switch
    {
        ["journey", var key] => guide.FindJourney(key)?.Steps.Select(s => s.Key).ToArray() ?? [],
        ["section", var key] => guide.FindSection(key)?.Steps.Select(s => s.Key).ToArray() ?? [],
        _ => null,
    };
}
