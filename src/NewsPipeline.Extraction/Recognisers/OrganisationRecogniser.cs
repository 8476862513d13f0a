using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.Extraction.Text;

namespace NewsPipeline.Extraction.Recognisers;

/// <summary>
/// Government bodies and international organisations: the gazetteer of known bodies (aliases in several scripts)
/// plus names that start with a capitalised head word ("Ministry of …", "Министерство …") or, in CJK, end with one (…省, …局).
/// </summary>
internal sealed class OrganisationRecogniser(OrganisationLexicon lexicon)
{
    private const int MaxWords = 6;

    public IReadOnlyList<OrganisationFound> Recognise(AnalysisText text, string language)
    {
        var found = new List<OrganisationFound>();
        foreach (var match in lexicon.Bodies.FindAll(text))
        {
            var body = match.Values[0];
            found.Add(new OrganisationFound(match.Start, match.End, text.Slice(match.Start, match.End), body.Name, body.Country));
        }

        foreach (var head in lexicon.Heads.For(language).FindAll(text))
        {
            if (Spans.Inside(found, head.Start, head.End))
            {
                continue;
            }

            var span = Scripts.IsCjk(text.Original[head.Start]) ? ExtendBackward(text, head.Start, head.End) : ExtendForward(text, head.Start, head.End);
            if (span is { } s && s.End - s.Start > head.End - head.Start)
            {
                var mention = text.Slice(s.Start, s.End);
                found.Add(new OrganisationFound(s.Start, s.End, mention, mention, null));
            }
        }

        return found;
    }

    private (int Start, int End)? ExtendForward(AnalysisText text, int start, int end)
    {
        if (!char.IsUpper(text.Original[start]))
        {
            return null;
        }

        var tokens = Tokenizer.Tokenize(text.Original, end, Math.Min(text.Length, end + 120));
        var last = end;
        var words = 0;
        foreach (var token in tokens)
        {
            if (token.Kind != TokenKind.Word || words >= MaxWords)
            {
                break;
            }

            var word = text.Original[token.Start..token.End];
            var capitalised = char.IsUpper(word[0]);
            if (!capitalised && !IsConnector(word) && !Scripts.IsCyrillic(word[0]))
            {
                break;
            }

            words++;
            if (capitalised || Scripts.IsCyrillic(word[0]))
            {
                last = token.End;
            }
        }

        return last > end ? (start, last) : null;
    }

    private (int Start, int End)? ExtendBackward(AnalysisText text, int start, int end)
    {
        var begin = start;
        while (begin > 0 && start - begin < 10 && Scripts.IsHan(text.Original[begin - 1]) && !lexicon.CjkStops.Contains(text.Original[begin - 1], StringComparison.Ordinal))
        {
            begin--;
        }

        return start - begin >= 2 ? (begin, end) : null;
    }

    private bool IsConnector(string word) => lexicon.Connectors.Contains(word);
}
