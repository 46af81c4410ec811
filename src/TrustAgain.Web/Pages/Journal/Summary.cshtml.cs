using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Security;
using TrustAgain.Web.TimeZones;

namespace TrustAgain.Web.Pages.Journal;

// Three steps, all but the first sent by POST so chosen and edited text never travels in a URL:
// choose what to include, blank out passages, then read, print or download the summary. Nothing is saved.
// Searching, summarising and importing cost far more than reading a page, so they are rate limited per person.
[EnableRateLimiting(RateLimits.ExpensiveRequests)]
public sealed class SummaryModel(CounsellorSummaries summaries, PersonClock clock) : PageModel
{
    public enum Stage
    {
        Choose,
        Blank,
        Ready,
    }

    [BindProperty]
    public SummaryChoice Choice { get; set; } = new();

    public Stage Showing { get; private set; } = Stage.Choose;

    public SummaryOptions Options { get; private set; } = null!;

    public CounsellorSummary Summary { get; private set; } = null!;

    public async Task OnGetAsync() => Options = await summaries.OptionsAsync(User.RequiredUserId());

    public async Task OnPostBlankAsync()
    {
        if (Choice.IsEmpty)
        {
            ModelState.AddModelError("", "Choose at least one reflection, your check-ins or a commitment to put in the summary.");
            await OnGetAsync();
            return;
        }
        // Start from the stored text, whatever came with the form.
        Choice.Texts.Clear();
        await ShowAsync(Stage.Blank);
    }

    public async Task OnPostSummaryAsync() => await ShowAsync(Stage.Ready);

    public async Task<IActionResult> OnPostMarkdownAsync()
    {
        var summary = await summaries.ForAsync(User.RequiredUserId(), Choice);
        var name = $"trustagain-summary-{summary.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.md";
        return File(Encoding.UTF8.GetBytes(SummaryMarkdown.Write(summary, clock)), "text/markdown; charset=utf-8", name);
    }

    private async Task ShowAsync(Stage stage)
    {
        Summary = await summaries.ForAsync(User.RequiredUserId(), Choice);
        Showing = stage;
        // Carry forward only what this person owns: anything else posted by hand was left out of the summary.
        Choice.ReflectionIds = [.. Summary.Reflections.Select(r => r.Id)];
        Choice.CommitmentIds = [.. Summary.Commitments.Select(c => c.Id)];
        Choice.Texts = Summary.Reflections.ToDictionary(r => r.Id, r => r.Text);
    }
}
