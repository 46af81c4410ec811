using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Security;

namespace TrustAgain.Web.Pages.Account;

// The page behind the link mailed to a new address. Opening it changes nothing; the button does, so a mail
// program that fetches links to preview them cannot make the change.
[EnableRateLimiting(RateLimits.AccountForms)]
public sealed class ConfirmEmailModel(EmailChanges changes) : PageModel
{
    // The GET reads it from the link; the form carries it back as a hidden field, so the POST's URL holds nothing.
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public EmailChange? Change { get; private set; }

    public EmailChangeOutcome? Outcome { get; private set; }

    public IActionResult OnGet() => (Change = changes.Read(Token)) is null ? NotValid() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if ((Change = changes.Read(Token)) is null)
        {
            return NotValid();
        }
        Outcome = await changes.ConfirmAsync(Change, User);
        return Outcome == EmailChangeOutcome.LinkNotValid ? NotValid() : Page();
    }

    private PageResult NotValid()
    {
        Outcome = EmailChangeOutcome.LinkNotValid;
        return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }
}
