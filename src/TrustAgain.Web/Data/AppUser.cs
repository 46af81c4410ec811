using Microsoft.AspNetCore.Identity;

namespace TrustAgain.Web.Data;

[NotPersonalRow("The account itself, kept by ASP.NET Core Identity; deleting it deletes every personal row by cascade.")]
public sealed class AppUser : IdentityUser
{
    // This person's journal key, itself encrypted by the key-encryption key kept outside the database.
    // Deleting the user deletes it, which makes any stray copy of their reflections unreadable.
    public byte[] WrappedDataKey { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    // Show a plain "Notes" as the browser tab title, for someone whose screen others may glance at.
    public bool DiscreetTitle { get; set; }

    // Where this person lives, as an IANA time zone id ("Europe/London"): every time they see is shown in it.
    // Taken from their browser and editable in account settings; null until known, when times are shown in UTC
    // and say so. Anything that happens at a person's local hour (reminders, say) reads it from here.
    public string? TimeZone { get; set; }

    // The last 30-second step of an authenticator code accepted from this person; that code and earlier ones are refused.
    public long? LastAuthenticatorStep { get; set; }
}
