using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using NewsPipeline.Core.Search;

namespace NewsPipeline.Search.Snippets;

/// <summary>
/// Cuts a snippet around the first match of the query and marks every matching word. The text and the query
/// go through the same analyser (stemming, CJK bigrams), so "галлия" is marked for the query "галлий" and
/// "ガリウム" inside a sentence without spaces is marked as a whole.
/// </summary>
internal static class SnippetBuilder
{
    private const int Window = 240;
    private const int Lead = 60;
    private const int MaxAnalysed = 50_000;

    public static IReadOnlyList<SnippetSegment> Build(string text, string query, Analyzer queryAnalyzer, Analyzer textAnalyzer, string field)
    {
        var wanted = Terms(queryAnalyzer, field, query).Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
        var source = text.Length > MaxAnalysed ? text[..MaxAnalysed] : text;
        var marks = Merge(Terms(textAnalyzer, field, source).Where(t => wanted.Contains(t.Term)).Select(t => (t.Start, t.End)));
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

    private static List<(string Term, int Start, int End)> Terms(Analyzer analyzer, string field, string text)
    {
        var terms = new List<(string, int, int)>();
        using var stream = analyzer.GetTokenStream(field, new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add((term.ToString(), offset.StartOffset, offset.EndOffset));
        }

        stream.End();
        return terms;
    }

    // CJK bigrams overlap ("ガリ", "リウ", "ウム"): adjacent and overlapping marks become one.
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
