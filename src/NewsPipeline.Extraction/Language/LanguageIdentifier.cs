using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.Extraction.Text;

namespace NewsPipeline.Extraction.Language;

/// <summary>
/// Chooses the article language: the declared language (the page's checked <c>&lt;html lang&gt;</c> or the feed
/// item's) when it is one we identify; otherwise the title and first paragraph decide: the script (kana → ja,
/// Han only → zh, Hangul → ko), Kazakh letters separate kk from ru, and function words and distinctive letters
/// separate the Latin-script languages.
/// </summary>
internal sealed class LanguageIdentifier(LanguageLexicon lexicon)
{
    // About one sentence: enough for the detector, short enough that a quotation further down does not decide.
    private const int MinSampleLength = 80;
    private const int MaxSampleLength = 2000;

    public string Identify(string? declared, string? title, string text)
    {
        var normalised = Normalise(declared);
        if (normalised is not null && lexicon.Identified.Contains(normalised))
        {
            return normalised;
        }

        return Detect(Sample(title, text)) ?? normalised ?? LexiconLoader.FallbackLanguage;
    }

    /// <summary>
    /// The title and the first paragraph: where the article's own language is surest (later paragraphs quote, list
    /// names and add boilerplate). Paragraphs are added while the sample is shorter than a sentence or two.
    /// </summary>
    internal static string Sample(string? title, string text)
    {
        var end = 0;
        var titleLength = title?.Length ?? 0;
        while (end < text.Length && titleLength + end < MinSampleLength)
        {
            var newline = text.IndexOf('\n', end);
            end = newline < 0 ? text.Length : newline + 1;
        }

        end = Math.Min(end, MaxSampleLength);
        return string.IsNullOrWhiteSpace(title) ? text[..end] : title + "\n" + text[..end];
    }

    private string? Detect(string sample)
    {
        int kana = 0, han = 0, hangul = 0, cyrillic = 0, latin = 0, kazakh = 0;
        var kazakhLetters = lexicon.DistinctiveLetters.GetValueOrDefault("kk", string.Empty);
        foreach (var c in sample)
        {
            if (Scripts.IsKana(c))
            {
                kana++;
            }
            else if (Scripts.IsHan(c))
            {
                han++;
            }
            else if (Scripts.IsHangul(c))
            {
                hangul++;
            }
            else if (Scripts.IsCyrillic(c))
            {
                cyrillic++;
                if (kazakhLetters.Contains(char.ToLowerInvariant(c), StringComparison.Ordinal))
                {
                    kazakh++;
                }
            }
            else if (char.IsLetter(c))
            {
                latin++;
            }
        }

        if (kana > 0 && kana * 10 >= han)
        {
            return "ja";
        }

        if (hangul > han && hangul > latin)
        {
            return lexicon.Identified.Contains("ko") ? "ko" : LexiconLoader.FallbackLanguage;
        }

        if (han > latin && han > cyrillic)
        {
            return "zh";
        }

        if (cyrillic > latin)
        {
            // Kazakh Cyrillic adds nine letters; a few per hundred Cyrillic letters is decisive.
            return kazakh * 100 >= cyrillic * 2 ? "kk" : "ru";
        }

        return ByFunctionWords(sample);
    }

    private string? ByFunctionWords(string sample)
    {
        const int LetterWeight = 2;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);

        // Letters only one Latin-script language uses (ñ, ã, ß, è) weigh more than shared function words.
        foreach (var (language, letters) in lexicon.DistinctiveLetters)
        {
            if (lexicon.FunctionWords.ContainsKey(language) && !Scripts.IsCyrillic(letters[0]) && !Scripts.IsCjk(letters[0]))
            {
                var hits = sample.Count(c => letters.Contains(char.ToLowerInvariant(c), StringComparison.Ordinal));
                if (hits > 0)
                {
                    counts[language] = hits * LetterWeight;
                }
            }
        }

        foreach (var token in Tokenizer.Tokenize(sample))
        {
            if (token.Kind != TokenKind.Word)
            {
                continue;
            }

            var word = sample[token.Start..token.End].ToLowerInvariant();
            foreach (var (language, words) in lexicon.FunctionWords)
            {
                if (words.Contains(word))
                {
                    counts[language] = counts.GetValueOrDefault(language) + 1;
                }
            }
        }

        return counts.Count == 0 ? null : counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).First().Key;
    }

    private static string? Normalise(string? declared)
    {
        if (string.IsNullOrWhiteSpace(declared))
        {
            return null;
        }

        var primary = declared.Trim().Split('-', '_')[0].ToLowerInvariant();
        return primary.Length is 2 or 3 ? primary : null;
    }
}
