using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using NewsPipeline.Core.Search;

namespace NewsPipeline.Search.Snippets;

/// <summary>
/// Lucene snippets: finds every word of the text that matches the query (cut by <see cref="SnippetWindow"/>). The text and the query
/// go through the same analyser (stemming, CJK bigrams), so "галлия" is marked for the query "галлий" and
/// "ガリウム" inside a sentence without spaces is marked as a whole.
/// </summary>
internal static class SnippetBuilder
{
    public static IReadOnlyList<SnippetSegment> Build(string text, string query, Analyzer queryAnalyzer, Analyzer textAnalyzer, string field)
    {
        var wanted = Terms(queryAnalyzer, field, query).Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
        var matches = Terms(textAnalyzer, field, SnippetWindow.Analysed(text)).Where(t => wanted.Contains(t.Term)).Select(t => (t.Start, t.End));
        return SnippetWindow.Cut(text, matches);
    }

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
}
