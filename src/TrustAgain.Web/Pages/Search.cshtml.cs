using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrustAgain.Web.Content;

namespace TrustAgain.Web.Pages;

public sealed class SearchModel(GuideSearch search) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<GuideSearchResult> Results { get; private set; } = [];

    public void OnGet() => Results = search.Search(Q);
}
