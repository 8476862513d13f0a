using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.Extraction.Text;

namespace NewsPipeline.Extraction.Recognisers;

/// <summary>
/// Metals and metal commodities. Words inside company or organisation names do not count; blockers (railway,
/// money, place names) cancel CJK single-character matches; ambiguous forms ("lead", "argent", 金) count only next
/// to another metal or a metal-context word.
/// </summary>
internal sealed class MetalRecogniser(MetalLexicon lexicon, IReadOnlySet<string> capitalisedNounLanguages)
{
    private const int ContextWindow = 24;

    public IReadOnlyList<MetalFound> Recognise(AnalysisText text, string language, IReadOnlyList<ISpan> names)
    {
        var matches = lexicon.Matcher.For(language).FindAll(text)
            .Where(m => m.Values.Any(v => v.Metal is not null) && !Spans.Inside(names, m.Start, m.End))
            .ToList();
        var confident = matches.Where(m => !m.NeedsContext).ToList();
        var context = lexicon.Context.For(language);
        var found = new List<MetalFound>();
        foreach (var match in matches)
        {
            if ((match.NeedsContext && !HasContext(text, match, confident, context))
                || (!capitalisedNounLanguages.Contains(language) && IsPartOfAName(text.Original, match.Start, match.End)))
            {
                continue;
            }

            foreach (var metal in match.Values.Select(v => v.Metal).OfType<string>())
            {
                found.Add(new MetalFound(match.Start, match.End, metal));
            }
        }

        return found;
    }

    /// <summary>"Governor Martin Iron": a capitalised metal word right after a capitalised name word is a surname.</summary>
    private static bool IsPartOfAName(string text, int start, int end)
    {
        if (!char.IsUpper(text[start]) || text[(start + 1)..end].Any(char.IsUpper))
        {
            return false;
        }

        var before = start - 1;
        while (before >= 0 && text[before] == ' ')
        {
            before--;
        }

        if (before < 0 || before == start - 1 || !char.IsLetter(text[before]))
        {
            return false;
        }

        var wordStart = before;
        while (wordStart > 0 && char.IsLetter(text[wordStart - 1]))
        {
            wordStart--;
        }

        return char.IsUpper(text[wordStart]) && before - wordStart >= 1;
    }

    private static bool HasContext(AnalysisText text, PhraseMatch<MetalEntry> match, List<PhraseMatch<MetalEntry>> confident, PhraseMatcher<string> context)
    {
        if (confident.Any(c => Math.Abs(c.Start - match.End) <= ContextWindow || Math.Abs(match.Start - c.End) <= ContextWindow))
        {
            return true;
        }

        var from = Math.Max(0, match.Start - ContextWindow);
        var to = Math.Min(text.Length, match.End + ContextWindow);
        return context.FindAll(text, from, to).Any(c => c.End <= match.Start || c.Start >= match.End);
    }
}
