using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace TrustAgain.Tests;

// Someone who needs a help line now should be able to call or text it with one tap, wherever it is shown.
public static partial class HelpLines
{
    public static void AssertEveryNumberIsALink(IElement help)
    {
        var items = help.QuerySelectorAll("li").Where(li => PhoneNumber().IsMatch(li.TextContent)).ToList();
        Assert.NotEmpty(items);
        foreach (var item in items)
        {
            var linked = item.QuerySelectorAll("a[href^='tel:'], a[href^='sms:']").Select(a => a.TextContent).ToList();
            foreach (Match number in PhoneNumber().Matches(item.TextContent))
            {
                Assert.True(linked.Any(text => text.Contains(number.Value, StringComparison.Ordinal)),
                    $"'{number.Value}' in '{item.TextContent.Trim()}' is not a tel: or sms: link");
            }
        }
    }

    // Three or more digits, with spaces or hyphens between groups: 999, 116 123, 1-800-799-7233.
    [GeneratedRegex(@"(?<![\w-])\d{1,4}(?:[ -]\d{2,4})*(?<=\d{3,}|\d[ -]\d+)(?![\w-])")]
    private static partial Regex PhoneNumber();
}
