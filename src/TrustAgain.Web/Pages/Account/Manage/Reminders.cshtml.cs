using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Reminders;
using TrustAgain.Web.TimeZones;

namespace TrustAgain.Web.Pages.Account.Manage;

// Reminders by mail, off until the person turns them on, or a calendar file instead of mail.
public sealed class RemindersModel(ReminderPreferences preferences, ReminderCalendar calendar, ReminderSender sender) : PageModel
{
    [BindProperty]
    public ReminderInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "saved")]
    public bool Saved { get; set; }

    public ReminderState State { get; private set; } = new(ReminderChoices.Default(null), null, null);

    public bool CanSend => sender.CanSend;

    public async Task<IActionResult> OnGetAsync()
    {
        State = await preferences.ForAsync(User.RequiredUserId());
        Input = ReminderInput.From(State.Choices);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Input.Read(ModelState) is not var (choices, zone))
        {
            State = await preferences.ForAsync(User.RequiredUserId());
            return Page();
        }
        return await preferences.SaveAsync(User.RequiredUserId(), choices, zone)
            ? LocalRedirect("/account/reminders?saved=true")
            : NotFound();
    }

    // The calendar file for the saved choices, with the account's zone (UTC while it is not known).
    public async Task<IActionResult> OnGetCalendarAsync()
    {
        var choices = (await preferences.ForAsync(User.RequiredUserId())).Choices;
        var zone = PersonTimeZones.Find(choices.TimeZone) ?? TimeZoneInfo.Utc;
        return File(System.Text.Encoding.UTF8.GetBytes(calendar.Write(choices, zone)), "text/calendar; charset=utf-8", "reflection-time.ics");
    }
}
