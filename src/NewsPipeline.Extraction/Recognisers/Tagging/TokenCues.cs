using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.Extraction.Text;

namespace NewsPipeline.Extraction.Recognisers.Tagging;

/// <summary>What the lexicons know about a token: it lies inside a legal form, a company noun, a country name…</summary>
[Flags]
internal enum TokenCue
{
    None = 0,
    LegalForm = 1,
    CompanyNoun = 2,
    Country = 4,
    Organisation = 8,
    KnownFirm = 16,
}

/// <summary>
/// Marks the tokens of a sentence that the lexicons recognise, so the tagger can learn from them ("a capitalised
/// word before a legal form", "after a company noun") and generalise to names no list holds. Training and
/// extraction call the same code, so a cue means the same thing in both.
/// </summary>
internal sealed class TokenCues(LexiconSet lexicons)
{
    public TokenCue[] Find(AnalysisText text, IReadOnlyList<Token> tokens, string language)
    {
        var cues = new TokenCue[tokens.Count];
        if (tokens.Count == 0)
        {
            return cues;
        }

        var start = tokens[0].Start;
        var end = tokens[^1].End;
        Mark(cues, tokens, lexicons.Companies.LegalForms.FindAll(text, start, end).Select(m => (m.Start, m.End)), TokenCue.LegalForm);
        Mark(cues, tokens, lexicons.Companies.Cues.For(language).FindAll(text, start, end).Where(m => m.Values[0].Kind == CompanyCueKind.Noun).Select(m => (m.Start, m.End)), TokenCue.CompanyNoun);
        Mark(cues, tokens, lexicons.Countries.Matcher.For(language).FindAll(text, start, end).Select(m => (m.Start, m.End)), TokenCue.Country);
        Mark(cues, tokens, lexicons.Organisations.Bodies.FindAll(text, start, end).Select(m => (m.Start, m.End)), TokenCue.Organisation);
        Mark(cues, tokens, lexicons.Companies.Firms.FindAll(text, start, end).Select(m => (m.Start, m.End)), TokenCue.KnownFirm);
        return cues;
    }

    private static void Mark(TokenCue[] cues, IReadOnlyList<Token> tokens, IEnumerable<(int Start, int End)> spans, TokenCue cue)
    {
        foreach (var (start, end) in spans)
        {
            for (var k = FirstAtOrAfter(tokens, start); k < tokens.Count && tokens[k].Start < end; k++)
            {
                cues[k] |= cue;
            }
        }
    }

    private static int FirstAtOrAfter(IReadOnlyList<Token> tokens, int position)
    {
        int low = 0, high = tokens.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (tokens[middle].End <= position)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
