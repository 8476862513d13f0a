using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.Extraction.Recognisers;
using NewsPipeline.Extraction.Recognisers.Tagging;
using NewsPipeline.Extraction.Text;

namespace NewsPipeline.Extraction.Tests;

/// <summary>Mention recognition exactly as the analyzer runs it (tagger included), for tests of the later stages.</summary>
internal static class Recognition
{
    public static RecognisedArticle Recognise(LexiconSet lexicons, AnalysisText text, string language, IReadOnlyList<Sentence> sentences)
    {
        var untimed = new StageClock(timings: null);
        var tagging = CompanyTagging.Load(ArticleAnalyzer.DefaultModelsDirectory, lexicons);
        return new MentionRecognition(lexicons, tagging).Recognise(text, language, sentences, title: null, published: null, ref untimed);
    }
}
