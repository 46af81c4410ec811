using System.Globalization;

namespace TrustAgain.Web;

// Every count a person reads goes through here, so none says "1 completed steps": "1 reflection", "4 reflections",
// "1 entry", "2 entries" (the plural is given where adding an "s" would be wrong).
public static class Plural
{
    public static string Of(int count, string one, string? many = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {(count == 1 ? one : many ?? one + "s")}");
}
