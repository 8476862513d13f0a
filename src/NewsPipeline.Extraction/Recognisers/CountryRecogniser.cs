using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.Extraction.Text;

namespace NewsPipeline.Extraction.Recognisers;

/// <summary>
/// Countries by name, adjective or demonym, and capitals standing for governments. Guards: a capital after a
/// locative word or used as a dateline is a place, not a country; a country name that doubles as a personal name
/// next to another capitalised name is a person.
/// </summary>
internal sealed class CountryRecogniser(CountryLexicon lexicon)
{
    public IReadOnlyList<CountryFound> Recognise(AnalysisText text, string language, IReadOnlyList<Sentence> sentences)
    {
        var found = new List<CountryFound>();
        foreach (var match in lexicon.Matcher.For(language).FindAll(text))
        {
            var surface = text.Slice(match.Start, match.End);

            // "US$ 95", "A$200mn": a country code fused with a currency sign names a currency.
            if (match.End < text.Length && text.Original[match.End] == '$')
            {
                continue;
            }

            if (lexicon.PersonLikeNames.Contains(surface) && NextToCapitalisedName(text.Original, match.Start, match.End))
            {
                continue;
            }

            foreach (var entry in match.Values)
            {
                if (entry.IsCapital && IsOnlyAPlace(text, language, match.Start, match.End, sentences))
                {
                    continue;
                }

                found.Add(new CountryFound(match.Start, match.End, entry.Code, entry.IsCapital));
            }
        }

        return found;
    }

    private bool IsOnlyAPlace(AnalysisText text, string language, int start, int end, IReadOnlyList<Sentence> sentences)
    {
        var sentence = sentences.FirstOrDefault(s => s.Contains(start));
        if (sentence is not null && IsDateline(text.Original, sentence, start, end))
        {
            return true;
        }

        var before = lexicon.CapitalGuardsBefore.For(language);
        var windowStart = Math.Max(0, start - 14);
        if (before.FindAll(text, windowStart, start).Any(m => OnlySpaceBetween(text.Original, m.End, start)))
        {
            return true;
        }

        var after = lexicon.CapitalGuardsAfter.For(language).MatchAt(text, end);
        return after is not null;
    }

    private static bool IsDateline(string text, Sentence sentence, int start, int end)
    {
        var lead = text[sentence.Start..start].Trim();
        if (lead.Length > 0)
        {
            return false;
        }

        var rest = text[end..Math.Min(text.Length, end + 3)];
        return rest.StartsWith(',') || rest.StartsWith('.') || rest.StartsWith(" (", StringComparison.Ordinal) || rest.StartsWith(" —", StringComparison.Ordinal)
            || (end < text.Length && char.IsUpper(text[Math.Min(text.Length - 1, end + 1)]) && text[end] == ' ' && end + 2 < text.Length && char.IsUpper(text[end + 2]));
    }

    private static bool OnlySpaceBetween(string text, int from, int to) => from <= to && text[from..to].Trim().Length == 0;

    private static bool NextToCapitalisedName(string text, int start, int end)
    {
        var tokens = Tokenizer.Tokenize(text, Math.Max(0, start - 30), Math.Min(text.Length, end + 30));
        var previous = tokens.LastOrDefault(t => t.End <= start);
        var next = tokens.FirstOrDefault(t => t.Start >= end);
        return IsName(text, previous) || IsName(text, next);
    }

    private static bool IsName(string text, Token? token) =>
        token is { Kind: TokenKind.Word } && char.IsUpper(text[token.Start]) && token.Length > 1 && !text[token.Start..token.End].All(char.IsUpper);
}
