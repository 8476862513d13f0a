using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.De;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Es;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.It;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Pt;
using Lucene.Net.Analysis.Ru;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace NewsPipeline.Search.Analysis;

/// <summary>
/// How text in each language is cut into searchable terms. Languages with a Lucene stemmer get their own field
/// (so "галлия" finds "галлий", "exportations" finds "exportation"); Japanese, Chinese and Korean, written
/// without spaces, are cut into overlapping character bigrams; every other language (Kazakh among them) gets
/// plain Unicode word segmentation with case folding. A query is analysed once per field and any field may match.
/// </summary>
internal sealed class LanguageAnalysis : IDisposable
{
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>The field of the languages without a dedicated analyser.</summary>
    private const string PlainField = "text_plain";

    // Language code → field. A table of which Lucene analyser serves which language, not language knowledge
    // of our own; the analysers themselves carry the stemmers and stop words.
    private static readonly Dictionary<string, string> FieldByLanguage = new(StringComparer.Ordinal)
    {
        ["en"] = "text_en",
        ["fr"] = "text_fr",
        ["de"] = "text_de",
        ["es"] = "text_es",
        ["pt"] = "text_pt",
        ["ru"] = "text_ru",
        ["it"] = "text_it",
        ["ja"] = "text_cjk",
        ["zh"] = "text_cjk",
        ["ko"] = "text_cjk",
    };

    private const string CjkField = "text_cjk";

    private readonly Dictionary<string, Analyzer> analyzers;
    private readonly Analyzer cjkIndexing;

    public LanguageAnalysis()
    {
        analyzers = new Dictionary<string, Analyzer>(StringComparer.Ordinal)
        {
            ["text_en"] = new EnglishAnalyzer(Version),
            ["text_fr"] = new FrenchAnalyzer(Version),
            ["text_de"] = new GermanAnalyzer(Version),
            ["text_es"] = new SpanishAnalyzer(Version),
            ["text_pt"] = new PortugueseAnalyzer(Version),
            ["text_ru"] = new RussianAnalyzer(Version),
            ["text_it"] = new ItalianAnalyzer(Version),
            [CjkField] = new CJKAnalyzer(Version),
            [PlainField] = new StandardAnalyzer(Version, CharArraySet.Empty),
        };
        Plain = analyzers[PlainField];
        cjkIndexing = CjkWithUnigrams();
        Writer = new PerFieldAnalyzerWrapper(Plain, new Dictionary<string, Analyzer>(analyzers, StringComparer.Ordinal) { [CjkField] = cjkIndexing });
    }

    /// <summary>Every full-text field, each with its analyser.</summary>
    public IReadOnlyDictionary<string, Analyzer> Fields => analyzers;

    /// <summary>The analyser of names and unknown languages (no stemming, no stop words).</summary>
    public Analyzer Plain { get; }

    /// <summary>Routes each field to its analyser when documents are written.</summary>
    public Analyzer Writer { get; }

    /// <summary>The full-text field for text in <paramref name="language"/>.</summary>
    public static string FieldFor(string? language) =>
        language is not null && FieldByLanguage.TryGetValue(language.ToLowerInvariant(), out var field) ? field : PlainField;

    /// <summary>The analyser queries in <paramref name="field"/> go through.</summary>
    public Analyzer AnalyzerFor(string field) => analyzers.TryGetValue(field, out var analyzer) ? analyzer : Plain;

    /// <summary>The analyser text stored in <paramref name="field"/> went through.</summary>
    public Analyzer IndexingAnalyzerFor(string field) => field == CjkField ? cjkIndexing : AnalyzerFor(field);

    // Text is indexed as single characters and bigrams; queries are cut into bigrams (a lone character stays one).
    // A two-character word matches its bigram, a one-character query ("锂", "鎵") its unigram.
    private static Analyzer CjkWithUnigrams() => Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream stream = new CJKWidthFilter(source);
        stream = new LowerCaseFilter(Version, stream);
        stream = new CJKBigramFilter(stream, CJKScript.HAN | CJKScript.HIRAGANA | CJKScript.KATAKANA | CJKScript.HANGUL, outputUnigrams: true);
        return new TokenStreamComponents(source, stream);
    });

    public void Dispose()
    {
        Writer.Dispose();
        cjkIndexing.Dispose();
        foreach (var analyzer in analyzers.Values)
        {
            analyzer.Dispose();
        }
    }
}
