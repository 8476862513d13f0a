using NewsPipeline.Extraction.Text;

namespace NewsPipeline.Extraction.Lexicons;

/// <summary>A phrase found in the text: its span, the values of every entry that matched it, and whether it needs context.</summary>
internal sealed record PhraseMatch<T>(int Start, int End, IReadOnlyList<T> Values, bool NeedsContext);

/// <summary>
/// Longest-leftmost dictionary matcher over the scan view of a text (a character trie). Built once per lexicon and
/// language set at load time; immutable afterwards, so one instance serves every thread.
/// </summary>
internal sealed class PhraseMatcher<T>
{
    private readonly Node root = new();

    public PhraseMatcher(IEnumerable<(string Pattern, T Value)> entries)
    {
        foreach (var (raw, value) in entries)
        {
            var pattern = PhrasePattern.Parse(raw);
            var key = pattern.Key;
            if (key.Length == 0)
            {
                continue;
            }

            var node = root;
            foreach (var c in key)
            {
                node.Children ??= [];
                if (!node.Children.TryGetValue(c, out var next))
                {
                    next = new Node();
                    node.Children[c] = next;
                }

                node = next;
            }

            node.Terminals ??= [];
            node.Terminals.Add(new Terminal(pattern, value));
        }
    }

    /// <summary>Non-overlapping matches, scanning left to right and taking the longest match at each start.</summary>
    public IReadOnlyList<PhraseMatch<T>> FindAll(AnalysisText text, int start = 0, int end = -1)
    {
        if (end < 0)
        {
            end = text.Length;
        }

        var found = new List<PhraseMatch<T>>();
        var i = start;
        while (i < end)
        {
            var match = MatchAt(text, i, end);
            if (match is null)
            {
                i++;
                continue;
            }

            found.Add(match);
            i = match.End;
        }

        return found;
    }

    /// <summary>The longest match that starts exactly at <paramref name="position"/>, or null.</summary>
    public PhraseMatch<T>? MatchAt(AnalysisText text, int position, int end = -1)
    {
        if (end < 0)
        {
            end = text.Length;
        }

        var scan = text.Scan;
        // A digit may touch a following word ("260,000oz", "500ktpa"); a letter may not.
        var boundaryBefore = position == 0 || !Scripts.IsWordChar(scan[position - 1]) || char.IsDigit(scan[position - 1]);
        var node = root;
        var bestEnd = -1;
        List<T>? bestValues = null;
        var bestNeedsContext = false;
        for (var j = position; j < end; j++)
        {
            if (node.Children is null || !node.Children.TryGetValue(scan[j], out var next))
            {
                break;
            }

            node = next;
            if (node.Terminals is null)
            {
                continue;
            }

            foreach (var terminal in node.Terminals)
            {
                var matchEnd = Accept(text, terminal.Pattern, position, j + 1, end, boundaryBefore);
                if (matchEnd < 0)
                {
                    continue;
                }

                if (matchEnd > bestEnd)
                {
                    bestEnd = matchEnd;
                    bestValues = [terminal.Value];
                    bestNeedsContext = terminal.Pattern.NeedsContext;
                }
                else if (matchEnd == bestEnd && bestValues is not null && !bestValues.Contains(terminal.Value))
                {
                    bestValues.Add(terminal.Value);
                    bestNeedsContext &= terminal.Pattern.NeedsContext;
                }
            }
        }

        return bestValues is null ? null : new PhraseMatch<T>(position, bestEnd, bestValues, bestNeedsContext);
    }

    private static int Accept(AnalysisText text, PhrasePattern pattern, int start, int keyEnd, int end, bool boundaryBefore)
    {
        var scan = text.Scan;
        if (!pattern.StartsCjk && Scripts.IsWordChar(pattern.Key[0]) && !boundaryBefore)
        {
            return -1;
        }

        if (pattern.CaseSensitive && (keyEnd - start != pattern.Text.Length || string.CompareOrdinal(text.Original, start, pattern.Text, 0, pattern.Text.Length) != 0))
        {
            return -1;
        }

        var matchEnd = keyEnd;
        if (pattern.OpenEnded)
        {
            while (matchEnd < end && Scripts.IsWordChar(scan[matchEnd]))
            {
                matchEnd++;
            }

            return matchEnd;
        }

        if (!pattern.EndsCjk && Scripts.IsWordChar(pattern.Key[^1]) && matchEnd < scan.Length && Scripts.IsWordChar(scan[matchEnd]))
        {
            return -1;
        }

        return matchEnd;
    }

    private sealed record Terminal(PhrasePattern Pattern, T Value);

    private sealed class Node
    {
        public Dictionary<char, Node>? Children { get; set; }

        public List<Terminal>? Terminals { get; set; }
    }
}
