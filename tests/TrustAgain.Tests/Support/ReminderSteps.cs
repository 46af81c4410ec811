using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustAgain.Web.Data;
using TrustAgain.Web.Reminders;

namespace TrustAgain.Tests.Support;

// The reminder settings form, filled in as a person would, and the sender run as each instance's timer runs it.
public static class ReminderSteps
{
    public static async Task<HttpResponseMessage> ChooseRemindersAsync(this HttpClient client, bool on = true, string cadence = "Daily",
        string time = "08:00", string timeZone = "Europe/London", IReadOnlyList<DayOfWeek>? quiet = null, bool fuller = false)
    {
        var page = await client.GetPageAsync("/account/reminders");
        var form = page.QuerySelectorAll<IHtmlFormElement>("main form").First(f => f.QuerySelector("[name='Input.Time']") is not null);
        foreach (var box in form.QuerySelectorAll<IHtmlInputElement>("input[name='Input.QuietDays']"))
        {
            box.IsChecked = quiet?.Contains(Enum.Parse<DayOfWeek>(box.Value)) == true;
        }
        form.QuerySelector<IHtmlInputElement>("input[name='Input.Enabled']")!.IsChecked = on;
        form.QuerySelector<IHtmlInputElement>("input[name='Input.FullerWording']")!.IsChecked = fuller;
        return await client.SubmitAsync(form, "/account/reminders", new Dictionary<string, string>
        {
            ["Input.Cadence"] = cadence,
            ["Input.Time"] = time,
            ["Input.TimeZone"] = timeZone,
        });
    }

    public static Task<int> SendDueRemindersAsync(this TestApp app) => app.Services.GetRequiredService<ReminderSender>().SendDueAsync();

    public static async Task<Reminder?> ReminderOfAsync(this TestApp app, string email)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return await db.Reminders.AsNoTracking().SingleOrDefaultAsync(r => r.UserId == id);
    }

    // The app with its own sender switched off, so a test decides when reminders go out; links lead to the site.
    public static Dictionary<string, string> Settings(IReadOnlyDictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["TrustAgain:Reminders:Send"] = "false",
            ["TrustAgain:Mail:SiteUrl"] = "https://notes.example",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }
        return settings;
    }
}
