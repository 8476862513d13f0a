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
/// The shipped event-type model (models/events/event-types.bin) on sentences written for these tests, none of them
/// from the training file, in several languages and scripts; and the sentence features it reads.
/// </summary>
public sealed class EventTypeClassifierTests
{
    private static readonly LexiconSet Lexicons = LexiconLoader.Load(ArticleAnalyzer.DefaultModelsDirectory);
    private static readonly EventTypeClassifier Classifier = EventTypeClassifier.Load(ArticleAnalyzer.DefaultModelsDirectory, Lexicons.Events);

    [Theory]
    [InlineData("en", "Glencore agreed to deliver 3,000 tonnes of cobalt hydroxide a year to a Korean cathode maker under a new five-year contract.", EventType.SupplyAgreement)]
    [InlineData("fr", "Le gouvernement indonésien a interdit les exportations de bauxite brute à partir du mois de juin.", EventType.ExportRestriction)]
    [InlineData("ru", "В сентябре Казахстан экспортировал в Китай 12 тысяч тонн рафинированной меди.", EventType.TradeFlow)]
    [InlineData("de", "Die Hütte in Hamburg hat im dritten Quartal 85.000 Tonnen Kupferkathoden produziert.", EventType.Production)]
    [InlineData("es", "Albemarle adquirió una participación del 40 % en un proyecto de litio en Salta por 200 millones de dólares.", EventType.Investment)]
    [InlineData("pt", "A CBMM fechou um contrato para fornecer 2 mil toneladas de nióbio por ano a uma siderúrgica japonesa.", EventType.SupplyAgreement)]
    [InlineData("ja", "中国政府は来月からアンチモンの輸出を許可制にすると発表した。", EventType.ExportRestriction)]
    [InlineData("zh", "宁德时代与一家智利锂企签署了为期五年的碳酸锂供货协议。", EventType.SupplyAgreement)]
    [InlineData("kk", "Қазақстан биыл Қытайға 20 мың тонна мыс экспорттады.", EventType.TradeFlow)]
    public void Labels_event_sentences_in_every_script(string language, string sentence, EventType expected)
    {
        var scores = Classify(sentence, language);

        Assert.True(scores.None < ClassifierVeto.NoEventProbability, $"read as eventless ({scores.None:0.00})");
        Assert.Equal(expected, scores.BestType().Type);
    }

    [Theory]
    [InlineData("en", "Nickel prices slipped 2% on the London Metal Exchange on Monday as traders worried about Chinese demand.")]
    [InlineData("de", "Der Kupferpreis stieg am Dienstag an der Londoner Metallbörse um drei Prozent.")]
    [InlineData("zh", "周二伦敦金属交易所的铜价上涨了百分之二。")]
    [InlineData("ru", "Цены на никель на Лондонской бирже металлов в понедельник снизились на 2%.")]
    public void Reads_price_moves_as_no_event(string language, string sentence) =>
        Assert.True(Classify(sentence, language).None >= ClassifierVeto.NoEventProbability);

    [Fact]
    public void Features_are_the_same_on_every_run()
    {
        const string Sentence = "Rio Tinto will supply 40,000 tonnes of aluminium to Toyota from 2027.";
        Assert.Equal(Features(Sentence, "en"), Features(Sentence, "en"));
    }

    [Fact]
    public void Names_and_figures_give_way_to_their_class_so_the_model_learns_the_construction()
    {
        var first = Features("Glencore will supply 40,000 tonnes of cobalt to Panasonic from 2027.", "en");
        var second = Features("Rio Tinto will supply 7 500 tonnes of lithium to Sojitz from 2029.", "en");

        Assert.Equal(first.Order(), second.Order());
    }

    [Fact]
    public void A_cue_counts_by_its_type_in_every_language()
    {
        var hasher = new EventSentenceFeatures(Lexicons.Events).Hasher;
        var supplyCue = hasher.Hash("cue:", nameof(EventType.SupplyAgreement));

        Assert.Contains(supplyCue, Features("The miner signed an offtake agreement for its spodumene.", "en"));
        Assert.Contains(supplyCue, Features("该公司签署了锂精矿供货协议。", "zh"));
        Assert.Contains(supplyCue, Features("Компания подписала соглашение о поставках никеля.", "ru"));
    }

    [Fact]
    public void A_model_for_other_feature_dimensions_is_refused()
    {
        var model = new LinearModel(["none", "production"], 4, new float[32], new float[2]);
        Assert.Throws<InvalidDataException>(() => new EventTypeClassifier(model, Lexicons.Events));
    }

    private static SentenceTypeScores Classify(string text, string language)
    {
        var (article, sentence) = Recognise(text, language);
        return Classifier.Classify(article, sentence);
    }

    private static int[] Features(string text, string language)
    {
        var (article, sentence) = Recognise(text, language);
        var features = new EventSentenceFeatures(Lexicons.Events);
        var builder = new FeatureVectorBuilder(features.Hasher);
        features.Extract(article, sentence, builder);
        return builder.ToArray();
    }

    private static (RecognisedArticle Article, Sentence Sentence) Recognise(string text, string language)
    {
        var analysed = AnalysisText.From(text);
        var sentence = new Sentence(0, 0, analysed.Length);
        var clock = new StageClock(null);
        var recognition = new MentionRecognition(Lexicons, CompanyTagging.Load(ArticleAnalyzer.DefaultModelsDirectory, Lexicons));
        return (recognition.Recognise(analysed, language, [sentence], null, null, ref clock), sentence);
    }
}
