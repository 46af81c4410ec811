using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Content;
using TrustAgain.Web.Journal;
using TrustAgain.Web.Security;

namespace TrustAgain.Web.Pages.Journal;

// Offers one reflection to the other person: a preview of exactly what they will see, passages left out with the
// counsellor summary's [[...]], an optional note, an expiry, and once, before sending, the question whether anyone
// pushed the person to share. Nothing typed here changes the reflection, and nothing is saved until it is sent.
[EnableRateLimiting(RateLimits.TogetherForms)]
public sealed class OfferModel(ReflectionJournal journal, PairLinks links, PartnerOffers offers, GuideLibrary guide) : PageModel
{
    [BindProperty]
    public string Text { get; set; } = "";

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public OfferExpiry Expiry { get; set; } = OfferExpiry.Week;

    // "Yes" or "No" to "Has anyone asked or pushed you to share this?"; required before anything is sent.
    [BindProperty]
    public string? Pushed { get; set; }

    public ReflectionEntry Entry { get; private set; } = null!;

    public string StepTitle { get; private set; } = "";

    public bool Linked { get; private set; }

    public bool ShowPressureHelp { get; private set; }

    public IReadOnlyList<Passage> Preview => Passage.Split(Text);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await DescribeAsync(id))
        {
            return NotFound();
        }
        Text = Entry.Text!;
        return Page();
    }

    // Shows the preview of what was typed, with any problems by their fields; nothing is sent.
    public async Task<IActionResult> OnPostPreviewAsync(Guid id)
    {
        if (!await DescribeAsync(id))
        {
            return NotFound();
        }
        Validate(sending: false);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await DescribeAsync(id))
        {
            return NotFound();
        }
        if (!Validate(sending: true) || !Linked)
        {
            return Page();
        }
        // Said "yes": nothing is sent, and the help is shown on this response, never in a URL.
        ShowPressureHelp = Pushed == "Yes";
        if (ShowPressureHelp)
        {
            return Page();
        }
        await offers.OfferAsync(User.RequiredUserId(), id, Entry.StepKey, Text, Note, Expiry);
        return Redirect("/together?offered=true");
    }

    private bool Validate(bool sending)
    {
        if (string.IsNullOrWhiteSpace(Text) || string.Concat(Preview.Where(p => !p.IsLeftOut).Select(p => p.Text)).Trim().Length == 0)
        {
            ModelState.AddModelError(nameof(Text), "There is nothing left to offer: keep at least a few words outside the [[ ]].");
        }
        else if (Text.Length > ReflectionInput.MaxLength)
        {
            ModelState.AddModelError(nameof(Text), "This is longer than 20,000 characters. Shorten it — your text is still here.");
        }
        if (Note?.Length > PartnerOffers.MaxNoteLength)
        {
            ModelState.AddModelError(nameof(Note), $"A note can be up to {PartnerOffers.MaxNoteLength} characters — yours is still here.");
        }
        if (!Enum.IsDefined(Expiry))
        {
            ModelState.AddModelError(nameof(Expiry), "Choose how long the other person can see it.");
        }
        if (sending && Pushed is not ("Yes" or "No"))
        {
            ModelState.AddModelError(nameof(Pushed), "Choose an answer before sending.");
        }
        return ModelState.ErrorCount == 0;
    }

    private async Task<bool> DescribeAsync(Guid id)
    {
        var userId = User.RequiredUserId();
        if (await journal.FindAsync(userId, id) is not { IsDamaged: false } entry)
        {
            return false;
        }
        Entry = entry;
        StepTitle = guide.FindStep(entry.StepKey)?.Title ?? "A step no longer in the guide";
        Linked = await links.IsLinkedAsync(userId);
        return true;
    }
}
