using NewsPipeline.Extraction.Text;

namespace NewsPipeline.Extraction.Lexicons;

/// <summary>
/// One lexicon entry in the common syntax of models/lexicons: a plain phrase matches whole words, case-insensitively;
/// a trailing <c>*</c> lets the last word continue with letters (inflection, compounds); a leading <c>=</c> makes it
/// case-sensitive; a leading <c>?</c> marks an ambiguous form that needs supporting context. Phrases in CJK scripts
/// match inside runs of characters, because those scripts do not separate words.
/// </summary>
internal sealed record PhrasePattern(string Text, bool CaseSensitive, bool OpenEnded, bool NeedsContext)
{
    public static PhrasePattern Parse(string raw)
    {
        var text = raw.Trim();
        var needsContext = false;
        var caseSensitive = false;
        while (text.Length > 1 && (text[0] == '?' || text[0] == '='))
        {
            needsContext |= text[0] == '?';
            caseSensitive |= text[0] == '=';
            text = text[1..];
        }

        var open = text.Length > 1 && text[^1] == '*';
        if (open)
        {
            text = text[..^1];
        }

        return new PhrasePattern(text, caseSensitive, open, needsContext);
    }

    /// <summary>The key the trie is built on: the same folding the scan view applies (computed once: matching reads it per candidate).</summary>
    public string Key { get; } = AnalysisText.From(Text).Scan;

    public bool StartsCjk { get; } = Text.Length > 0 && Scripts.IsCjk(Text[0]);

    public bool EndsCjk { get; } = Text.Length > 0 && Scripts.IsCjk(Text[^1]);

    /// <summary>The phrase starts with a word character, so it needs a word boundary before it.</summary>
    public bool NeedsBoundaryBefore { get; } = Text.Length > 0 && !Scripts.IsCjk(Text[0]) && Scripts.IsWordChar(AnalysisText.From(Text).Scan[0]);

    /// <summary>The phrase ends with a word character, so it needs a word boundary after it.</summary>
    public bool NeedsBoundaryAfter { get; } = Text.Length > 0 && !Scripts.IsCjk(Text[^1]) && Scripts.IsWordChar(AnalysisText.From(Text).Scan[^1]);
}
