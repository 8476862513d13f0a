using NewsPipeline.Core;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Extraction.Events;
using NewsPipeline.Extraction.Language;
using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.Extraction.Recognisers;
using NewsPipeline.Extraction.Recognisers.Tagging;
using NewsPipeline.Extraction.Text;

namespace NewsPipeline.Extraction;

/// <summary>
/// Recognition and event building over one article (DESIGN §3), as ordered stages with records between them:
/// text (NFC, sentences) → language → mentions (organisations, countries, companies, metals, quantities, years)
/// → events → the extraction record. Immutable after <see cref="Load"/>; safe to share across threads.
/// </summary>
public sealed class ArticleAnalyzer : IArticleAnalyzer
{
    private readonly LanguageIdentifier languages;
    private readonly SentenceSegmenter segmenter;
    private readonly MentionRecognition recognition;
    private readonly EventBuilder events;

    private ArticleAnalyzer(LexiconSet lexicons, CompanyTagging tagging, EventTypeClassifier classifier)
    {
        languages = new LanguageIdentifier(lexicons.Languages);
        segmenter = new SentenceSegmenter(lexicons.Text);
        recognition = new MentionRecognition(lexicons, tagging);
        events = new EventBuilder(lexicons, classifier);
    }

    /// <summary>The models folder copied beside the binaries that reference this project.</summary>
    public static string DefaultModelsDirectory => Path.Combine(AppContext.BaseDirectory, "models");

    /// <summary>
    /// Loads every lexicon under <paramref name="modelsDirectory"/>/lexicons, the entity tagger under ner/ and the
    /// event-type model under events/; throws <see cref="InvalidDataException"/> naming what is missing.
    /// </summary>
    public static ArticleAnalyzer Load(string modelsDirectory)
    {
        var lexicons = LexiconLoader.Load(modelsDirectory);
        return new(lexicons, CompanyTagging.Load(modelsDirectory, lexicons), EventTypeClassifier.Load(modelsDirectory, lexicons.Events));
    }

    public ExtractionResult Analyze(ExtractionInput input) => Analyze(input, null);

    /// <summary>As <see cref="Analyze(ExtractionInput)"/>, adding each stage's time to <paramref name="timings"/> when given.</summary>
    public ExtractionResult Analyze(ExtractionInput input, StageTimings? timings)
    {
        ArgumentNullException.ThrowIfNull(input);
        var clock = new StageClock(timings);
        var text = AnalysisText.From(input.Text ?? string.Empty);
        clock.Lap("normalise (NFC, scan view)");
        var language = languages.Identify(input.Language, input.Title, text.Original);
        clock.Lap("language id");
        var sentences = segmenter.Segment(text.Original, language);
        clock.Lap("sentences");
        var article = recognition.Recognise(text, language, sentences, input.Title, input.Published, ref clock);
        var found = events.Build(article);
        clock.Lap("events");
        var record = ExtractionRecordWriter.Write(input.Id, article, found);
        clock.Lap("record");
        return record;
    }
}
