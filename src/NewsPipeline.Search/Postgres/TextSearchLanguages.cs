using System.Collections.Frozen;

namespace NewsPipeline.Search.Postgres;

/// <summary>How rows in one language are searched on the server.</summary>
/// <param name="Config">The text search configuration the row's tsvector and its queries use.</param>
/// <param name="Trigram">True when the row is searched by substring on its folded text instead.</param>
internal readonly record struct TextSearchMethod(string Config, bool Trigram);

/// <summary>
/// Language code → the PostgreSQL text search configuration that analyses it. A table of what PostgreSQL 15
/// ships in <c>pg_ts_config</c> (Snowball stemmers and stop words), not language knowledge of our own. Languages
/// written without spaces (Japanese, Chinese, Thai) or agglutinative without a stemmer (Kazakh, Korean) are
/// searched by trigram-indexed substring; any other language gets <c>simple</c> (lower-cased words).
/// </summary>
internal static class TextSearchLanguages
{
    public const string Simple = "simple";

    private static readonly FrozenDictionary<string, string> ConfigByLanguage = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ar"] = "arabic",
        ["ca"] = "catalan",
        ["da"] = "danish",
        ["de"] = "german",
        ["el"] = "greek",
        ["en"] = "english",
        ["es"] = "spanish",
        ["eu"] = "basque",
        ["fi"] = "finnish",
        ["fr"] = "french",
        ["ga"] = "irish",
        ["hi"] = "hindi",
        ["hu"] = "hungarian",
        ["hy"] = "armenian",
        ["id"] = "indonesian",
        ["it"] = "italian",
        ["lt"] = "lithuanian",
        ["nb"] = "norwegian",
        ["ne"] = "nepali",
        ["nl"] = "dutch",
        ["nn"] = "norwegian",
        ["no"] = "norwegian",
        ["pt"] = "portuguese",
        ["ro"] = "romanian",
        ["ru"] = "russian",
        ["sr"] = "serbian",
        ["sv"] = "swedish",
        ["ta"] = "tamil",
        ["tr"] = "turkish",
        ["yi"] = "yiddish",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> TrigramLanguages = new[] { "ja", "zh", "ko", "th", "kk" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<char> KazakhLetters = "ӘәҒғҚқҢңӨөҰұҮүҺһІі".ToFrozenSet();


    /// <summary>
    /// True when the text holds letters no text search configuration splits into words: Han, kana, Hangul, Thai,
    /// or the letters of Kazakh Cyrillic that Russian lacks. Such text is kept folded for substring search in
    /// whatever language it appears (a Japanese company named in an English article).
    /// </summary>
    public static bool NeedsTrigram(string text)
    {
        foreach (var c in text)
        {
            if (c is (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF')
                or (>= '\uF900' and <= '\uFAFF') or (>= '\uFF66' and <= '\uFF9F') or (>= '\uAC00' and <= '\uD7AF')
                or (>= '\u1100' and <= '\u11FF') or (>= '\u3130' and <= '\u318F') or (>= '\u0E00' and <= '\u0E7F')
                || KazakhLetters.Contains(c))
            {
                return true;
            }
        }

        return false;
    }

    public static TextSearchMethod For(string? language)
    {
        var code = language?.Trim().ToLowerInvariant() ?? string.Empty;
        var region = code.IndexOf('-', StringComparison.Ordinal);
        code = region > 0 ? code[..region] : code;
        if (TrigramLanguages.Contains(code))
        {
            return new TextSearchMethod(Simple, Trigram: true);
        }

        return new TextSearchMethod(ConfigByLanguage.TryGetValue(code, out var config) ? config : Simple, Trigram: false);
    }
}
