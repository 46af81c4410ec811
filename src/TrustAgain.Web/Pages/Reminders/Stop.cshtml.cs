using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrustAgain.Web.Reminders;

namespace TrustAgain.Web.Pages.Reminders;

// The stop link of every reminder, without signing in. Opening it only asks (mail scanners open links on their own,
// and must not turn anyone's reminders off); the button, or a mail program's own unsubscribe button posting
// "List-Unsubscribe=One-Click" (RFC 8058), turns them off. A mail program has no antiforgery token to send, and the
// sealed link is proof enough for the one thing it can do. A link that is altered or expired changes nothing.
[IgnoreAntiforgeryToken]
public sealed class StopModel(ReminderLinks links, ReminderPreferences preferences) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "t")]
    public string? Token { get; set; }

    public bool Stopped { get; private set; }

    public IActionResult OnGet() => links.Read(Token) is null ? BadLink() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (links.Read(Token) is not { } userId)
        {
            return BadLink();
        }
        await preferences.StopAsync(userId);
        Stopped = true;
        return Page();
    }

    private PageResult BadLink()
    {
        Token = null;
        return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }
}
