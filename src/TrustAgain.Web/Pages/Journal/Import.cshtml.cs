using Microsoft.AspNetCore.Mvc.RazorPages;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Journal.Archive;

namespace TrustAgain.Web.Pages.Journal;

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
