using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Journal;
using TrustAgain.Web.Content;
using TrustAgain.Web.Security;

namespace TrustAgain.Web.Pages.Commitments;

[EnableRateLimiting(RateLimits.ReflectionSaves)]
public sealed class NewModel(CommitmentLedger ledger, GuideLibrary guide) : PageModel
{
    // The journey step the person came from, when it is a real one; anything else in the URL is ignored.
    [BindProperty(SupportsGet = true)]
    public string? Journey { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Step { get; set; }

    [BindProperty]
    public NewCommitmentInput Input { get; set; } = new();

    public Journey? FromJourney { get; private set; }

    public GuideStep? FromStep { get; private set; }

    public void OnGet() => FindOrigin();

    public async Task<IActionResult> OnPostAsync()
    {
        FindOrigin();
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var id = await ledger.AddAsync(User.RequiredUserId(), Input.Wording, FromJourney?.Key, FromStep?.Key);
        return Redirect($"/commitments/{id}");
    }

    private void FindOrigin()
    {
        FromJourney = Journey is null ? null : guide.FindJourney(Journey);
        FromStep = FromJourney?.Steps.FirstOrDefault(s => s.Key == Step);
        if (FromStep is null)
        {
            FromJourney = null;
        }
    }
}

public sealed class NewCommitmentInput
{
    [Required(ErrorMessage = "Write the agreement in a sentence — for example, “We will talk every Sunday”.")]
    [StringLength(CommitmentLedger.MaxWordingLength, ErrorMessage = "Keep the agreement under 500 characters — your text is still here.")]
    public string Wording { get; set; } = "";
}
