using System.Net;
using System.Text;

namespace TrustAgain.Web.Content;

public sealed record GuideSearchResult(string Title, string Context, string Url, string SnippetHtml);

// Full-text search over the guide. The guide is small (tens of thousands of words), so a scan over
// pre-lowered text per query is fast enough and needs no index to keep in step with content.
public sealed class GuideSearch
{
    private const int SnippetBefore = 60;
    private const int SnippetLength = 220;
    private const int MaxResults = 30;

    private readonly List<SearchDocument> _documents = [];

    public GuideSearch(GuideLibrary guide)
    {
        foreach (var section in guide.Sections)
        {
            _documents.Add(new(section.Title, "Guide", $"/guide/{section.Key}", section.IntroPlainText));
            foreach (var step in section.Steps)
            {
                var text = step.PlainText + "\n" + string.Join("\n", step.Prompts);
                _documents.Add(new(step.Title, section.Title, $"/guide/{section.Key}#{step.Key}", text));
            }
        }
        _documents.Add(new(guide.Safety.Title, "Support", "/safety", guide.Safety.PlainText));
    }

    public IReadOnlyList<GuideSearchResult> Search(string? query)
    {
        var terms = Terms(query);
        if (terms.Count == 0)
        {
            return [];
        }
        return [.. _documents
            .Select(d => (Document: d, Score: d.Score(terms)))
            .Where(m => m.Score > 0)
            .OrderByDescending(m => m.Score)
            .Take(MaxResults)
            .Select(m => new GuideSearchResult(m.Document.Title, m.Document.Context, m.Document.Url, Snippet(m.Document.Text, terms)))];
    }

    public static IReadOnlyList<string> Terms(string? query) =>
        string.IsNullOrWhiteSpace(query)
            ? []
            : [.. Normalise(query).Split((char[])[' ', '\t', ',', '.', '?', '!', ';', ':', '"', '(', ')'], StringSplitOptions.RemoveEmptyEntries)
                .Where(t => t.Length >= 2)
                .Distinct()
                .Take(8)];

    // Typographic apostrophes in the guide must match the straight ones people type.
    private static string Normalise(string text) => text.ToLowerInvariant().Replace('\u2019', '\'');

    private static string Snippet(string text, IReadOnlyList<string> terms)
    {
        var lowered = Normalise(text);
        var first = terms.Select(t => lowered.IndexOf(t, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(0).Min();
        var start = Math.Max(0, first - SnippetBefore);
        while (start > 0 && !char.IsWhiteSpace(text[start - 1]))
        {
            start--;
        }
        var end = Math.Min(text.Length, start + SnippetLength);
        while (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        // Encode everything, wrapping each term occurrence in <mark>.
        var html = new StringBuilder(start > 0 ? "…" : "");
        var position = start;
        while (position < end)
        {
            var (index, length) = NextMatch(lowered, terms, position, end);
            if (index < 0)
            {
                html.Append(WebUtility.HtmlEncode(text[position..end].Replace('\n', ' ')));
                break;
            }
            html.Append(WebUtility.HtmlEncode(text[position..index].Replace('\n', ' ')))
                .Append("<mark>").Append(WebUtility.HtmlEncode(text.Substring(index, length))).Append("</mark>");
            position = index + length;
        }
        return html.Append(end < text.Length ? "…" : "").ToString();
    }

    private static (int Index, int Length) NextMatch(string lowered, IReadOnlyList<string> terms, int from, int end)
    {
        var best = (Index: -1, Length: 0);
        foreach (var term in terms)
        {
            var index = lowered.IndexOf(term, from, StringComparison.Ordinal);
            if (index >= 0 && index + term.Length <= end && (best.Index < 0 || index < best.Index))
            {
                best = (index, term.Length);
            }
        }
        return best;
    }

    private sealed class SearchDocument(string title, string context, string url, string text)
    {
        private readonly string _lowerTitle = Normalise(title);
        private readonly string _lowerText = Normalise(text);

        public string Title => title;
        public string Context => context;
        public string Url => url;
        public string Text => text;

        // Every term must appear; title hits weigh more than body hits.
        public int Score(IReadOnlyList<string> terms)
        {
            var score = 0;
            foreach (var term in terms)
            {
                var inTitle = _lowerTitle.Contains(term, StringComparison.Ordinal);
                var inBody = Occurrences(_lowerText, term);
                if (!inTitle && inBody == 0)
                {
                    return 0;
                }
                score += (inTitle ? 10 : 0) + inBody;
            }
            return score;
        }

        private static int Occurrences(string text, string term)
        {
            var count = 0;
            for (var i = text.IndexOf(term, StringComparison.Ordinal); i >= 0; i = text.IndexOf(term, i + term.Length, StringComparison.Ordinal))
            {
                count++;
            }
            return count;
        }
    }
}
