namespace TrustAgain.Web.Insights;

// The feeling words a check-in offers. A short fixed list keeps a check-in quick, and means nothing but these
// words is ever accepted from the form.
public static class Feelings
{
    public static IReadOnlyList<string> All { get; } =
        ["hopeful", "calm", "relieved", "anxious", "angry", "sad", "numb", "confused", "lonely", "guarded"];

    public static bool IsKnown(string word) => All.Contains(word, StringComparer.Ordinal);
}
