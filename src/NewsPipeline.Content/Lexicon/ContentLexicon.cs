using System.Collections.Frozen;
using System.Text.Json;

namespace NewsPipeline.Content.Lexicon;

/// <summary>
/// The language knowledge the extractor needs (class/id hints, boilerplate phrases, month names, scripts of
/// languages), read from the embedded <c>content-lexicon.json</c> so that adding a language is a data change.
/// </summary>
internal sealed class ContentLexicon
{
    private ContentLexicon(
        string[] negativeClassHints,
        string[] positiveClassHints,
        string[] weakNegativeClassHints,
        FrozenSet<string> boilerplatePhrases,
        FrozenDictionary<string, int> months,
        FrozenDictionary<string, string> languageScripts)
    {
        NegativeClassHints = negativeClassHints;
        PositiveClassHints = positiveClassHints;
        WeakNegativeClassHints = weakNegativeClassHints;
        BoilerplatePhrases = boilerplatePhrases;
        Months = months;
        LanguageScripts = languageScripts;
    }

    /// <summary>Loaded once: the data is immutable and the same for every extractor.</summary>
    public static ContentLexicon Default { get; } = LoadEmbedded();

    public IReadOnlyList<string> NegativeClassHints { get; }

    public IReadOnlyList<string> PositiveClassHints { get; }

    public IReadOnlyList<string> WeakNegativeClassHints { get; }

    /// <summary>Whole block texts (lower case, trimmed of punctuation) that are page furniture in any article.</summary>
    public FrozenSet<string> BoilerplatePhrases { get; }

    /// <summary>Month names and abbreviations (lower case) to month numbers.</summary>
    public FrozenDictionary<string, int> Months { get; }

    /// <summary>Primary language subtag to the Unicode script its text is written in.</summary>
    public FrozenDictionary<string, string> LanguageScripts { get; }

    private static ContentLexicon LoadEmbedded()
    {
        var assembly = typeof(ContentLexicon).Assembly;
        using var stream = assembly.GetManifestResourceStream("NewsPipeline.Content.content-lexicon.json")
            ?? throw new InvalidOperationException("The embedded content lexicon is missing from the assembly.");
        using var json = JsonDocument.Parse(stream);
        var root = json.RootElement;
        return new ContentLexicon(
            ReadStrings(root, "negativeClassHints"),
            ReadStrings(root, "positiveClassHints"),
            ReadStrings(root, "weakNegativeClassHints"),
            ReadStrings(root, "boilerplatePhrases").ToFrozenSet(StringComparer.Ordinal),
            root.GetProperty("months").EnumerateObject()
                .ToFrozenDictionary(p => p.Name, p => p.Value.GetInt32(), StringComparer.Ordinal),
            root.GetProperty("languageScripts").EnumerateObject()
                .ToFrozenDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal));
    }

    private static string[] ReadStrings(JsonElement root, string name) =>
        root.GetProperty(name).EnumerateArray().Select(e => e.GetString() ?? string.Empty)
            .Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
}
