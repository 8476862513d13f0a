namespace NewsPipeline.Web.Api;

/// <summary>
/// Where an event's evidence sits in its article's text, as UTF-16 offsets the page highlights. Evidence of
/// several sentences may have been joined with other spacing, so sentences are looked for one by one when the
/// whole is not found.
/// </summary>
internal static class EvidenceLocator
{
    private static readonly char[] SentenceEnds = ['.', '!', '?', '。', '！', '？', '\n'];
    private const int ShortestPiece = 12;

    public static IReadOnlyList<(int Start, int End)> Find(string text, string evidence)
    {
        if (string.IsNullOrWhiteSpace(evidence) || string.IsNullOrEmpty(text))
        {
            return [];
        }

        var trimmed = evidence.Trim();
        var whole = text.IndexOf(trimmed, StringComparison.Ordinal);
        if (whole >= 0)
        {
            return [(whole, whole + trimmed.Length)];
        }

        var spans = new List<(int, int)>();
        var from = 0;
        foreach (var piece in Sentences(trimmed).Where(p => p.Length >= ShortestPiece))
        {
            var at = text.IndexOf(piece, from, StringComparison.Ordinal);
            if (at >= 0)
            {
                spans.Add((at, at + piece.Length));
                from = at + piece.Length;
            }
        }

        return spans;
    }

    private static IEnumerable<string> Sentences(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (Array.IndexOf(SentenceEnds, text[i]) >= 0)
            {
                yield return text[start..(i + 1)].Trim();
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..].Trim();
        }
    }
}
