using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Journal;
using TrustAgain.Web.Content;
using TrustAgain.Web.Security;
using TrustAgain.Web.TimeZones;

namespace TrustAgain.Web.Pages.Commitments;

[EnableRateLimiting(RateLimits.ReflectionSaves)]
public sealed class CommitmentModel(CommitmentLedger ledger, GuideLibrary guide, PersonClock clock) : PageModel
{
    public IReadOnlyList<(Outcome Outcome, string Label)> Choices { get; } =
    [
        (Outcome.Kept, "Kept"),
        (Outcome.Slipped, "Slipped"),
        (Outcome.Renegotiated, "Renegotiated — we changed the agreement"),
    ];

    public Agreement Agreement { get; private set; } = null!;

    // The person's own today, so an evening entry is not logged as tomorrow.
    public DateOnly Today => clock.Today;

    public string? FromStepTitle { get; private set; }

    public string? FromStepUrl { get; private set; }

    [BindProperty]
    public LogInput Log { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public bool Logged { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await FindAsync(id))
        {
            return NotFound();
        }
        Log = new LogInput { On = Today, NewWording = Agreement.Wording };
        return Page();
    }

    // A valid entry is saved without reading the whole record first: LogAsync itself checks the owner.
    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        Validate();
        if (!ModelState.IsValid)
        {
            return await FindAsync(id) ? Page() : NotFound();
        }
        var outcome = Log.Outcome!.Value;
        var newWording = outcome == Outcome.Renegotiated ? Log.NewWording : null;
        return await ledger.LogAsync(User.RequiredUserId(), id, outcome, Log.On!.Value, Log.Note, newWording)
            ? Redirect($"/commitments/{id}?logged=true#record")
            : NotFound();
    }

    public string? ErrorFor(string key) => ModelState[key]?.Errors.FirstOrDefault()?.ErrorMessage;

    private async Task<bool> FindAsync(Guid id)
    {
        if (await ledger.FindAsync(User.RequiredUserId(), id) is not { } agreement)
        {
            return false;
        }
        Agreement = agreement;
        if (agreement.StepKey is { } stepKey && guide.FindStep(stepKey) is { } step)
        {
            (FromStepTitle, FromStepUrl) = (step.Title, guide.StepUrl(step));
        }
        return true;
    }

    // Rules that need more than one field, or today's date. Messages replace the binder's, which would echo input.
    private void Validate()
    {
        if ((Log.Outcome is { } outcome && !Enum.IsDefined(outcome)) || ModelState["Log.Outcome"]?.Errors.Count > 0)
        {
            Replace("Log.Outcome", LogInput.ChooseOutcome);
        }
        if (ModelState["Log.On"]?.Errors.Count > 0)
        {
            Replace("Log.On", LogInput.ChooseDay);
        }
        else if (Log.On is { } on && (on > Today.AddDays(1) || on.Year < 2000))
        {
            Replace("Log.On", "Choose a day between 1 January 2000 and today.");
        }
        if (Log.Outcome == Outcome.Renegotiated && string.IsNullOrWhiteSpace(Log.NewWording))
        {
            Replace("Log.NewWording", "Write the agreement as you've changed it, so the record shows what it became.");
        }
    }

    private void Replace(string key, string message)
    {
        ModelState.Remove(key);
        ModelState.AddModelError(key, message);
    }
}

// What a person logs against an agreement. On a validation error the page shows it again untouched.
public sealed class LogInput
{
    public const string ChooseOutcome = "Choose what happened: kept, slipped or renegotiated.";
    public const string ChooseDay = "Choose the day it happened.";

    [Required(ErrorMessage = ChooseOutcome)]
    public Outcome? Outcome { get; set; }

    [Required(ErrorMessage = ChooseDay)]
    public DateOnly? On { get; set; }

    [StringLength(CommitmentLedger.MaxNoteLength, ErrorMessage = "Keep the note under 2,000 characters — your text is still here.")]
    public string? Note { get; set; }

    [StringLength(CommitmentLedger.MaxWordingLength, ErrorMessage = "Keep the new wording under 500 characters — your text is still here.")]
    public string? NewWording { get; set; }
}
