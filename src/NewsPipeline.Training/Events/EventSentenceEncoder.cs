using NewsPipeline.Extraction;
using NewsPipeline.Extraction.Events;
using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.Extraction.Models;
using NewsPipeline.Extraction.Recognisers;
using NewsPipeline.Extraction.Recognisers.Tagging;
using NewsPipeline.Extraction.Text;

namespace NewsPipeline.Training.Events;

/// <summary>
/// Turns a training sentence into the feature ids the extractor computes for the same sentence in an article:
/// the same recognisers mark its mentions, and the same <see cref="EventSentenceFeatures"/> hashes it.
/// </summary>
internal sealed class EventSentenceEncoder(LexiconSet lexicons, CompanyTagging tagging)
{
    private readonly MentionRecognition recognition = new(lexicons, tagging);
    private readonly EventSentenceFeatures features = new(lexicons.Events);

    public int[] Encode(string text, string language)
    {
        var analysed = AnalysisText.From(text);
        var sentence = new Sentence(0, 0, analysed.Length);
        var untimed = new StageClock(timings: null);
        var article = recognition.Recognise(analysed, language, [sentence], title: null, published: null, ref untimed);
        var builder = new FeatureVectorBuilder(features.Hasher, 256);
        features.Extract(article, sentence, builder);
        return builder.ToArray();
    }
}
