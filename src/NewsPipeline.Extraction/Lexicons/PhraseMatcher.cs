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

    /// <summary>One bit per UTF-16 unit: whether any phrase starts with it, so most positions are rejected by one lookup.</summary>
    private readonly ulong[] firstChars = new ulong[(char.MaxValue + 1) / 64];

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

            firstChars[key[0] / 64] |= 1UL << (key[0] % 64);
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
        var scan = text.Scan;
        var i = start;
        while (i < end)
        {
            // The same tests MatchAt starts with, kept in this loop because most positions fail them.
            if (!MayStartWith(scan[i]) || (i > 0 && Scripts.IsWordChar(scan[i - 1]) && !char.IsDigit(scan[i - 1]) && Scripts.IsWordChar(scan[i])))
            {
                i++;
                continue;
            }

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
        if (position >= end || !MayStartWith(scan[position]))
        {
            return null;
        }

        // A digit may touch a following word ("260,000oz", "500ktpa"); a letter may not.
        var boundaryBefore = position == 0 || !Scripts.IsWordChar(scan[position - 1]) || char.IsDigit(scan[position - 1]);

        // Inside a word every phrase that could start here begins with a word character and needs a boundary
        // before it, so most positions of a text are rejected here without walking the trie.
        if (!boundaryBefore && Scripts.IsWordChar(scan[position]))
        {
            return null;
        }

        var node = root;
        var bestEnd = -1;
        Terminal? best = null;
        List<T>? tied = null;
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
                    best = terminal;
                    tied = null;
                    bestNeedsContext = terminal.Pattern.NeedsContext;
                }
                else if (matchEnd == bestEnd && best is not null && !SameValue(best, tied, terminal.Value))
                {
                    tied ??= [best.Value];
                    tied.Add(terminal.Value);
                    bestNeedsContext &= terminal.Pattern.NeedsContext;
                }
            }
        }

        return best is null ? null : new PhraseMatch<T>(position, bestEnd, tied ?? best.Values, bestNeedsContext);
    }

    private bool MayStartWith(char c) => (firstChars[c / 64] & (1UL << (c % 64))) != 0;

    private static bool SameValue(Terminal best, List<T>? tied, T value) =>
        tied is null ? EqualityComparer<T>.Default.Equals(best.Value, value) : tied.Contains(value);

    private static int Accept(AnalysisText text, PhrasePattern pattern, int start, int keyEnd, int end, bool boundaryBefore)
    {
        var scan = text.Scan;
        if (pattern.NeedsBoundaryBefore && !boundaryBefore)
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

        if (pattern.NeedsBoundaryAfter && matchEnd < scan.Length && Scripts.IsWordChar(scan[matchEnd]))
        {
            return -1;
        }

        return matchEnd;
    }

    private sealed record Terminal(PhrasePattern Pattern, T Value)
    {
        /// <summary>The value as a match's list, made once so that a match allocates nothing else.</summary>
        public IReadOnlyList<T> Values { get; } = [Value];
    }

    private sealed class Node
    {
        public Dictionary<char, Node>? Children { get; set; }

        public List<Terminal>? Terminals { get; set; }
    }
}
