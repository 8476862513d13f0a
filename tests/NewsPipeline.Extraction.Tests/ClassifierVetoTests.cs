using NewsPipeline.Core.Extraction;
using NewsPipeline.Extraction.Events;
using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.Extraction.Models;
using NewsPipeline.Extraction.Recognisers;
using NewsPipeline.Extraction.Recognisers.Tagging;
using NewsPipeline.Extraction.Text;
using Xunit;

namespace NewsPipeline.Extraction.Tests;

/// <summary>
/// The classifier's one job in event typing: drop a cue-based candidate whose sentence reports no event, and leave
/// real events alone. Sentences written for this test.
/// </summary>
public sealed class ClassifierVetoTests
{
    private static readonly LexiconSet Lexicons = LexiconLoader.Load(ArticleAnalyzer.DefaultModelsDirectory);
    private static readonly EventTypeClassifier Shipped = EventTypeClassifier.Load(ArticleAnalyzer.DefaultModelsDirectory, Lexicons.Events);

    /// <summary>A model that never reads a sentence as eventless: the cue rules alone.</summary>
    private static readonly EventTypeClassifier NeverNone = new(
        new LinearModel(["none", "production"], EventSentenceFeatures.Bits, new float[2 << EventSentenceFeatures.Bits], [-10f, 10f]), Lexicons.Events);

    [Theory]
    [InlineData("en", "Glencore shares fell 3% on Tuesday even though the company sold more copper than analysts had expected.")]
    [InlineData("en", "Traders said the cobalt price rose after Glencore bought cargoes in the spot market.")]
    public void A_cue_in_a_sentence_about_prices_or_shares_makes_no_event(string language, string text)
    {
        Assert.Single(Candidates(text, language, NeverNone));
        Assert.Empty(Candidates(text, language, Shipped));
    }

    [Theory]
    [InlineData("en", "Glencore signed a contract to sell 20,000 tonnes of copper a year to a Chinese smelter.", EventType.SupplyAgreement)]
    [InlineData("fr", "L'Indonésie a interdit les exportations de minerai de nickel à partir de janvier.", EventType.ExportRestriction)]
    [InlineData("ja", "住友金属鉱山は今年、ニッケルを5万トン生産した。", EventType.Production)]
    public void Real_events_pass_the_veto_with_the_type_the_cues_gave(string language, string text, EventType type)
    {
        var candidate = Assert.Single(Candidates(text, language, Shipped));
        Assert.Equal(type, candidate.Type);
    }

    private static IReadOnlyList<EventCandidate> Candidates(string text, string language, EventTypeClassifier classifier)
    {
        var analysed = AnalysisText.From(text);
        var sentences = new SentenceSegmenter(Lexicons.Text).Segment(analysed.Original, language);
        var clock = new StageClock(null);
        var article = new MentionRecognition(Lexicons, CompanyTagging.Load(ArticleAnalyzer.DefaultModelsDirectory, Lexicons))
            .Recognise(analysed, language, sentences, null, null, ref clock);
        var cues = ArticleCues.Find(article, Lexicons.Events, Lexicons.Dates);
        return new EventTyper(Lexicons.Metals, Lexicons.Events, new ClassifierVeto(classifier)).Find(article, cues);
    }
}
