using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Journal.Archive;
using TrustAgain.Web.Security;

namespace TrustAgain.Web.Pages.Journal;

// Searching, summarising and importing cost far more than reading a page, so they are rate limited per person.
[EnableRateLimiting(RateLimits.ExpensiveRequests)]
public sealed class ImportModel(JournalImport import) : PageModel
{
    public ImportResult? Result { get; private set; }

    public void OnGet()
    {
    }

    public async Task OnPostAsync(IFormFile? file)
    {
        if (file is null || file.Length == 0)
        {
            Result = ImportResult.Failed("Choose the backup file to restore.");
            return;
        }
        await using var stream = file.OpenReadStream();
        Result = await import.ImportAsync(User.RequiredUserId(), stream);
    }
}
