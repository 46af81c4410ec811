using Microsoft.AspNetCore.Razor.TagHelpers;

namespace TrustAgain.Web.TimeZones;

// <time at="@entry.CreatedAt" show="date-and-time"> shows a stored UTC moment in the person's own time, with a
// valid machine-readable datetime (ISO 8601 with its offset) for assistive technology and the HTML checker.
[HtmlTargetElement("time", Attributes = "at")]
public sealed class TimeTagHelper(PersonClock clock) : TagHelper
{
    public DateTime At { get; set; }

    // "date" (25 Nov 2026), "long-date" (25 November 2026) or "date-and-time" (25 Nov 2026, 21:10).
    public string Show { get; set; } = "date-and-time";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.Attributes.SetAttribute("datetime", clock.Iso(At));
        output.Content.SetContent(Show switch
        {
            "date" => clock.Date(At),
            "long-date" => clock.LongDate(At),
            _ => clock.DateAndTime(At),
        });
    }
}
