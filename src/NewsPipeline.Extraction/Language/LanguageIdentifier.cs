using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.Extraction.Text;

namespace NewsPipeline.Extraction.Language;

/// <summary>
/// Chooses the article language: the declared language when it is one we support; otherwise the script decides
/// (kana → ja, Han only → zh, Hangul → ko), Kazakh letters separate kk from ru, and function-word counts separate
/// the Latin-script languages.
/// </summary>
internal sealed class LanguageIdentifier(LanguageLexicon lexicon)
{
    private const int SampleLength = 2000;

    public string Identify(string? declared, string text)
    {
        var normalised = Normalise(declared);
        if (normalised is not null && lexicon.Supported.Contains(normalised))
        {
            return normalised;
        }

        var sample = text.Length > SampleLength ? text[..SampleLength] : text;
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
            return lexicon.Supported.Contains("ko") ? "ko" : LexiconLoader.FallbackLanguage;
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

        return ByFunctionWords(sample) ?? normalised ?? LexiconLoader.FallbackLanguage;
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
