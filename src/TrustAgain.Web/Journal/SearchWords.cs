using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace TrustAgain.Web.Journal;

// How text becomes the pieces the search index holds, and how a search is checked against them.
//
// A search finds the entries that contain each term, ignoring letter case (see ReflectionJournal.PageAsync). The
// index must never hide such an entry, so it is built from a folding that keeps "contains": every character is
// folded on its own (upper case, then without accents, so "Él" and "el" fold alike), and letters and digits are
// kept while anything else ends a word. If an entry contains a term, the folded entry then contains the folded
// term, each piece of three letters of the term's words lies inside one of the entry's words, and so every such
// piece is in the entry's index. The index can let through an entry that holds the pieces but not the term; the
// search decrypts those few and checks them exactly. A term with no word of three letters or more gives the index
// nothing to go on, and the search reads every entry as it did before there was an index.
public static class SearchWords
{
    private const int PieceLength = 3;

    // The folding of each UTF-16 code unit, worked out once: the normalisation it needs is too slow per character.
    private static readonly string?[] Folded = new string?[char.MaxValue + 1];

    // The distinct three-letter pieces of the words of the text, folded.
    public static IReadOnlySet<string> Pieces(string text)
    {
        var pieces = new HashSet<string>(StringComparer.Ordinal);
        var word = new StringBuilder();
        foreach (var c in text)
        {
            var folded = Fold(c);
            if (folded.Length == 0 && !char.IsLetterOrDigit(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                AddPieces(word, pieces);
                word.Clear();
            }
            word.Append(folded);
        }
        AddPieces(word, pieces);
        return pieces;
    }

    // The pieces of every term; empty when no term has a word long enough for the index to help.
    public static IReadOnlySet<string> Pieces(IEnumerable<string> terms)
    {
        var pieces = new HashSet<string>(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            pieces.UnionWith(Pieces(term));
        }
        return pieces;
    }

    // An entry's tags as stored: eight bytes each, ascending, so a search looks each one up by halving.
    public static byte[] Pack(IEnumerable<long> tags)
    {
        var sorted = tags.Distinct().Order().ToArray();
        var packed = new byte[sorted.Length * sizeof(long)];
        for (var i = 0; i < sorted.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(packed.AsSpan(i * sizeof(long)), sorted[i]);
        }
        return packed;
    }

    public static bool HoldsAll(byte[] packed, IReadOnlyCollection<long> tags) => tags.All(tag => Holds(packed, tag));

    private static bool Holds(byte[] packed, long tag)
    {
        var (low, high) = (0, packed.Length / sizeof(long) - 1);
        while (low <= high)
        {
            var middle = low + (high - low) / 2;
            var found = BinaryPrimitives.ReadInt64LittleEndian(packed.AsSpan(middle * sizeof(long)));
            if (found == tag)
            {
                return true;
            }
            (low, high) = found < tag ? (middle + 1, high) : (low, middle - 1);
        }
        return false;
    }

    private static void AddPieces(StringBuilder word, HashSet<string> pieces)
    {
        for (var start = 0; start + PieceLength <= word.Length; start++)
        {
            pieces.Add(word.ToString(start, PieceLength));
        }
    }

    // A letter or digit folds to itself in upper case without its accents (one or more letters: "Ǆ" is "DZ"); an
    // accent on its own folds to nothing, so it neither ends a word nor counts as a letter; anything else, and the
    // halves of characters outside the basic plane, fold to nothing and end the word.
    private static string Fold(char c) => Folded[c] ??= FoldOnce(c);

    private static string FoldOnce(char c)
    {
        // Upper case first: a few marks have a letter for their upper case (the Greek iota subscript is an iota).
        var upper = char.ToUpperInvariant(c);
        if (char.IsSurrogate(c) || !char.IsLetterOrDigit(upper))
        {
            return "";
        }
        var letters = new StringBuilder();
        foreach (var part in upper.ToString().Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetterOrDigit(part))
            {
                letters.Append(part);
            }
        }
        return letters.ToString();
    }
}
