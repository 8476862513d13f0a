using NewsPipeline.Core.Search;

namespace NewsPipeline.Search.Snippets;

/// <summary>
/// The part of snippets both engines share: given where the query matched in a text, cut a window around the
/// first match and split it into plain and marked segments. Engines differ only in how they find the matches.
/// </summary>
internal static class SnippetWindow
{
    /// <summary>Only this much of a long text is searched for matches (article bodies can be huge).</summary>
    public const int MaxAnalysed = 50_000;

    private const int Window = 240;
    private const int Lead = 60;

    /// <summary>The prefix of <paramref name="text"/> in which matches are looked for.</summary>
    public static string Analysed(string text) => text.Length > MaxAnalysed ? text[..MaxAnalysed] : text;

    /// <summary>The snippet of <paramref name="text"/> with <paramref name="matches"/> (offsets into <see cref="Analysed"/>) marked.</summary>
    public static IReadOnlyList<SnippetSegment> Cut(string text, IEnumerable<(int Start, int End)> matches)
    {
        var source = Analysed(text);
        var marks = Merge(matches);
        var start = marks.Count == 0 ? 0 : WordStart(source, Math.Max(0, marks[0].Start - Lead));
        var end = Math.Min(source.Length, start + Window);
        var segments = new List<SnippetSegment>();
        var position = start;
        if (start > 0)
        {
            segments.Add(new SnippetSegment("…", false));
        }

        foreach (var (markStart, markEnd) in marks.Where(m => m.Start >= start && m.End <= end))
        {
            if (markStart > position)
            {
                segments.Add(new SnippetSegment(source[position..markStart], false));
            }

            segments.Add(new SnippetSegment(source[markStart..markEnd], true));
            position = markEnd;
        }

        if (position < end)
        {
            segments.Add(new SnippetSegment(source[position..end], false));
        }

        if (end < text.Length)
        {
            segments.Add(new SnippetSegment("…", false));
        }

        return segments;
    }

    /// <summary>True when any segment is marked.</summary>
    public static bool HasMark(IReadOnlyList<SnippetSegment> segments) => segments.Any(s => s.Mark);

    // CJK bigrams and substrings overlap ("ガリ", "リウ", "ウム"): adjacent and overlapping marks become one.
    private static List<(int Start, int End)> Merge(IEnumerable<(int Start, int End)> ranges)
    {
        var merged = new List<(int Start, int End)>();
        foreach (var (s, e) in ranges.OrderBy(r => r.Start))
        {
            if (merged.Count > 0 && s <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, e));
            }
            else
            {
                merged.Add((s, e));
            }
        }

        return merged;
    }

    // Start the window at a word boundary when one is near, so the snippet does not open mid-word.
    private static int WordStart(string text, int index)
    {
        for (var i = index; i > 0 && index - i < 20; i--)
        {
            if (char.IsWhiteSpace(text[i - 1]))
            {
                return i;
            }
        }

        return index;
    }
}
