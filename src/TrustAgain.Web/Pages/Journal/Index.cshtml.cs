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
public sealed class IndexModel(ReflectionJournal journal, GuideLibrary guide) : PageModel
{
    private const int PageSize = 20;

    // Search terms are private: they come only in a POST body, never in a URL the browser keeps in its history.
    [BindProperty]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Show { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public JournalPage Entries { get; private set; } = new([], null);

    public bool IsFiltered => !string.IsNullOrWhiteSpace(Q) || !string.IsNullOrEmpty(Show);

    public bool IsSearch => !string.IsNullOrWhiteSpace(Q);

    public async Task OnGetAsync() => await LoadAsync();

    public async Task OnPostAsync() => await LoadAsync();

    public string NextPageUrl(JournalCursor next)
    {
        var query = new QueryBuilder { { "after", next.ToString() } };
        if (!string.IsNullOrEmpty(Show))
        {
            query.Add("show", Show);
        }
        return "/journal" + query;
    }

    private async Task LoadAsync() =>
        Entries = await journal.PageAsync(User.RequiredUserId(), StepsToShow(), Q, JournalCursor.Parse(After), PageSize);

    private string[]? StepsToShow() => Show?.Split(':', 2) switch
    {
        ["journey", var key] => guide.FindJourney(key)?.Steps.Select(s => s.Key).ToArray() ?? [],
        ["section", var key] => guide.FindSection(key)?.Steps.Select(s => s.Key).ToArray() ?? [],
        _ => null,
    };
}
