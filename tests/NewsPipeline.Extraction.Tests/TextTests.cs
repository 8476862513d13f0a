using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.Extraction.Recognisers;
using NewsPipeline.Extraction.Text;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Extraction.Tests;

public sealed class TextTests
{
    private static readonly LexiconSet Lexicons = LexiconLoader.Load(RepositoryPaths.Models);

    private static List<string> Sentences(string text, string language) =>
        new SentenceSegmenter(Lexicons.Text).Segment(text, language).Select(s => text[s.Start..s.End]).ToList();

    [Fact]
    public void Company_abbreviations_and_numbers_do_not_end_sentences()
    {
        var sentences = Sentences("Mitsubishi Corp. signed with Acme Ltd. a deal for 96.5 t. Deliveries start in 2026.", "en");
        Assert.Equal(["Mitsubishi Corp. signed with Acme Ltd. a deal for 96.5 t.", "Deliveries start in 2026."], sentences);
    }

    [Fact]
    public void Russian_abbreviations_do_not_end_sentences()
    {
        var sentences = Sentences("В 2023 г. компания поставила 15 тыс. т меди. Экспорт вырос.", "ru");
        Assert.Equal(2, sentences.Count);
        Assert.StartsWith("В 2023 г. компания", sentences[0], StringComparison.Ordinal);
    }

    [Fact]
    public void German_day_ordinals_do_not_end_sentences()
    {
        var sentences = Sentences("China verbietet ab dem 1. März 2025 die Ausfuhr. Im Januar sanken die Exporte.", "de");
        Assert.Equal(2, sentences.Count);
        Assert.EndsWith("die Ausfuhr.", sentences[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Cjk_full_stops_and_line_breaks_end_sentences()
    {
        Assert.Equal(["日本は輸入を増やす。", "中国は輸出を止めた。"], Sentences("日本は輸入を増やす。中国は輸出を止めた。", "ja"));
        Assert.Equal(["钴出口禁令结束。", "配额开始"], Sentences("钴出口禁令结束。\n\n配额开始", "zh"));
    }

    [Theory]
    [InlineData("fr", "« Le contrat est signé. » Eramet livrera dès 2026. M. Durand l'a confirmé.", 3, "« Le contrat est signé. »")]
    [InlineData("es", "EE.UU. importó 5 t de galio de la empresa Minera S.A. en 2024. Chile exportó cobre.", 2, "EE.UU. importó 5 t de galio de la empresa Minera S.A. en 2024.")]
    [InlineData("pt", "A Serra Azul Ltda. exportou 10 t de lítio. A China importou.", 2, "A Serra Azul Ltda. exportou 10 t de lítio.")]
    [InlineData("kk", "2023 ж. компания 15 мың т мыс жеткізді. Экспорт өсті.", 2, "2023 ж. компания 15 мың т мыс жеткізді.")]
    [InlineData("en", "\"We signed.\" Glencore will ship from 2026. Did it? Yes.", 4, "\"We signed.\"")]
    [InlineData("ja", "同社は「契約を結んだ。」と述べた。出荷は来年始まる。", 2, "同社は「契約を結んだ。」と述べた。")]
    [InlineData("zh", "该公司表示：“协议已签署。”出货明年开始。", 2, "该公司表示：“协议已签署。”")]
    public void Sentences_end_after_their_closing_quote_and_not_at_abbreviations(string language, string text, int count, string first)
    {
        var sentences = Sentences(text, language);
        Assert.Equal(count, sentences.Count);
        Assert.Equal(first, sentences[0]);
    }

    [Fact]
    public void Cjk_characters_are_single_tokens_and_words_keep_inner_hyphens()
    {
        var text = "Mercedes-Benz 买 1.8万吨";
        var tokens = Tokenizer.Tokenize(text).Select(t => (text[t.Start..t.End], t.Kind)).ToList();
        Assert.Equal(("Mercedes-Benz", TokenKind.Word), tokens[0]);
        Assert.Equal(("买", TokenKind.Cjk), tokens[1]);
        Assert.Equal(("1.8", TokenKind.Number), tokens[2]);
    }

    [Theory]
    [InlineData("96,5", "fr", 96.5)]
    [InlineData("15 000", "fr", 15000)]
    [InlineData("10.000", "de", 10000)]
    [InlineData("1.248.000", "es", 1248000)]
    [InlineData("4,815", "en", 4815)]
    [InlineData("1.8", "zh", 1.8)]
    [InlineData("2,5", "de", 2.5)]
    public void Numbers_follow_the_language_format(string written, string language, double expected)
    {
        var read = NumberReader.Read(written, 0, Lexicons.Units.NumberFormats.For(language));
        Assert.NotNull(read);
        Assert.Equal(expected, read.Value.Value, 6);
        Assert.Equal(written.Length, read.Value.End);
    }

    [Fact]
    public void A_year_before_a_number_is_not_grouped_with_it()
    {
        var read = NumberReader.Read("2021 55", 0, Lexicons.Units.NumberFormats.For("fr"));
        Assert.Equal(2021, read!.Value.Value);
    }

    [Fact]
    public void A_broken_character_in_the_input_does_not_stop_the_article()
    {
        // A lone surrogate (a cut emoji, a mis-decoded page) made NFC normalisation throw and lost the whole article.
        var text = AnalysisText.From("Kazatomprom exportera 500 t d'uranium \ud83d vers la Chine.");
        Assert.Contains("uranium", text.Original, StringComparison.Ordinal);
        Assert.Equal(text.Original.Length, text.Scan.Length);
    }
}
