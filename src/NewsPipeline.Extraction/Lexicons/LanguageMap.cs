namespace NewsPipeline.Extraction.Lexicons;

/// <summary>
/// Per-language values prepared at load time for every supported language. Lookups for an unknown language fall
/// back to English, the language of most international company and unit names.
/// </summary>
internal sealed class LanguageMap<T>
    where T : class
{
    private readonly IReadOnlyDictionary<string, T> byLanguage;
    private readonly T fallback;

    public LanguageMap(IReadOnlyDictionary<string, T> byLanguage, string fallbackLanguage)
    {
        this.byLanguage = byLanguage;
        fallback = byLanguage[fallbackLanguage];
    }

    public T For(string language) => byLanguage.TryGetValue(language, out var value) ? value : fallback;
}
