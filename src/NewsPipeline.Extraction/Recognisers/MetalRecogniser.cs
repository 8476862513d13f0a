using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.Extraction.Text;

namespace NewsPipeline.Extraction.Recognisers;

/// <summary>
/// Metals and metal commodities. Words inside company or organisation names do not count; blockers (railway,
/// money, place names) cancel CJK single-character matches; ambiguous forms ("lead", "argent", 金) count only next
/// to another metal or a metal-context word; element symbols (Ga, In, Sn) count only in a list of symbols
/// ("Ga and Ge") or beside a chemistry word ("the element In"), never alone in running text.
/// </summary>
internal sealed class MetalRecogniser(MetalLexicon lexicon, IReadOnlySet<string> capitalisedNounLanguages)
{
    private const int ContextWindow = 24;
    private const int MaxListGap = 6;
    private const string ListSeparators = " ,、/;&-";

    public IReadOnlyList<MetalFound> Recognise(AnalysisText text, string language, IReadOnlyList<ISpan> names)
    {
        var all = lexicon.Matcher.For(language).FindAll(text)
            .Where(m => m.Values.Any(v => v.Metal is not null) && !Spans.Inside(names, m.Start, m.End))
            .ToList();
        var symbols = all.Where(IsSymbol).ToList();
        var matches = all.Where(m => !IsSymbol(m) || SymbolCounts(text, language, m, symbols)).ToList();
        var confident = matches.Where(m => !m.NeedsContext).ToList();
        var context = lexicon.Context.For(language);
        var found = new List<MetalFound>();
        foreach (var match in matches)
        {
            if ((match.NeedsContext && !HasContext(text, match, confident, context))
                || (!capitalisedNounLanguages.Contains(language) && !IsSymbol(match) && IsPartOfAName(text.Original, match.Start, match.End)))
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

    private static bool IsSymbol(PhraseMatch<MetalEntry> match) => match.Values.All(v => v.IsSymbol);

    private bool SymbolCounts(AnalysisText text, string language, PhraseMatch<MetalEntry> symbol, List<PhraseMatch<MetalEntry>> symbols)
    {
        var inList = symbols.Any(other => other != symbol && IsListGap(text.Original, Math.Min(symbol.End, other.End), Math.Max(symbol.Start, other.Start)));

        // "Ga-Rankuwa": a symbol joined by a hyphen to a word that is not another symbol is part of a name.
        var hyphenated = symbol.End + 1 < text.Length && text.Original[symbol.End] == '-' && char.IsLetter(text.Original[symbol.End + 1])
            && !symbols.Any(other => other.Start == symbol.End + 1);
        if (hyphenated)
        {
            return false;
        }

        if (inList)
        {
            return true;
        }

        var from = Math.Max(0, symbol.Start - ContextWindow);
        var to = Math.Min(text.Length, symbol.End + ContextWindow);
        return lexicon.SymbolContext.For(language).FindAll(text, from, to).Count > 0;
    }

    /// <summary>Between two symbols of a list: separators and at most one short coordinating word ("Ga and Ge", "Li, Co, Ni", "Sn-Pb", "Ga和Ge").</summary>
    private static bool IsListGap(string text, int from, int to)
    {
        if (to <= from || to - from > MaxListGap)
        {
            return false;
        }

        var words = text[from..to].Split(ListSeparators.ToCharArray(), StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0 || (words.Length == 1 && words[0].Length <= 4 && words[0].All(c => char.IsLower(c) || Scripts.IsCjk(c)));
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
