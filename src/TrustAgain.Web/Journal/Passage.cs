using System.Text.RegularExpressions;

namespace TrustAgain.Web.Journal;

// A run of a reflection's text in a counsellor summary or an offer to the other person: either shown as
// written, or left out and shown only as a marker. Both use this one implementation, so a passage left out of one
// is left out of the other by the same rules.
public sealed partial record Passage(string Text, bool IsLeftOut)
{
    public const string Marker = "[left out]";

    // Anything between [[ and ]] is left out. An opening [[ that is never closed leaves out everything after it:
    // a person who started to hide something should not find it printed because they missed the closing brackets.
    public static IReadOnlyList<Passage> Split(string text)
    {
        var passages = new List<Passage>();
        var shownFrom = 0;
        foreach (Match hidden in Brackets().Matches(text))
        {
            if (hidden.Index > shownFrom)
            {
                passages.Add(new(text[shownFrom..hidden.Index], IsLeftOut: false));
            }
            passages.Add(new(Marker, IsLeftOut: true));
            shownFrom = hidden.Index + hidden.Length;
        }
        if (shownFrom < text.Length)
        {
            passages.Add(new(text[shownFrom..], IsLeftOut: false));
        }
        return passages;
    }

    [GeneratedRegex(@"\[\[.*?(?:\]\]|\z)", RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Brackets();
}
