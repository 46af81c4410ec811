using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrustAgain.Web.Data;
using TrustAgain.Web.TimeZones;

namespace TrustAgain.Web.Pages.Account.Manage;

public sealed class IndexModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, PersonClock clock) : PageModel
{
    public string Email { get; private set; } = "";

    public bool DiscreetTitle { get; private set; }

    [BindProperty(SupportsGet = true, Name = "changed")]
    public bool PasswordChanged { get; set; }

    [BindProperty(SupportsGet = true, Name = "zoneChanged")]
    public bool TimeZoneChanged { get; set; }

    public string? TimeZone { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }
        Email = user.Email ?? "";
        DiscreetTitle = user.DiscreetTitle;
        TimeZone = user.TimeZone;
        return Page();
    }

    // The zone every time is shown in. `detected` marks the browser's own report, sent by site.js on a signed-in page
    // while no zone is set: it fills in a missing zone and never replaces one the person chose.
    public async Task<IActionResult> OnPostTimeZoneAsync(string? timeZone, bool detected)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }
        var zone = PersonTimeZones.Find(timeZone);
        if (detected)
        {
            if (zone is not null && user.TimeZone is null)
            {
                await SaveTimeZoneAsync(user, zone);
            }
            return new NoContentResult();
        }
        if (zone is null)
        {
            ModelState.AddModelError("timeZone", "Choose a time zone from the list.");
            return await OnGetAsync();
        }
        await SaveTimeZoneAsync(user, zone);
        return LocalRedirect("/account?zoneChanged=true#time-zone-heading");
    }

    private async Task SaveTimeZoneAsync(AppUser user, TimeZoneInfo zone)
    {
        user.TimeZone = zone.Id;
        await users.UpdateAsync(user);
        clock.Forget(user.Id);
    }

    public async Task<IActionResult> OnPostDiscreetAsync(bool discreet)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }
        user.DiscreetTitle = discreet;
        await users.UpdateAsync(user);
        // Re-issue the sign-in so every page sees the new preference straight away.
        await signIn.RefreshSignInAsync(user);
        return LocalRedirect("/account");
    }
}
