using NewsPipeline.Extraction.Language;
using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Extraction.Tests;

public sealed class LanguageIdentifierTests
{
    private static readonly LanguageIdentifier Identifier = new(LexiconLoader.Load(RepositoryPaths.Models).Languages);

    [Theory]
    [InlineData("Қазақстан биыл Жапонияға галлий экспорттауды бастайды, деп хабарлады компания.", "kk")]
    [InlineData("Казахстан в этом году начнет экспорт галлия в Японию, сообщила компания.", "ru")]
    [InlineData("三菱商事はカザフスタンからガリウムを輸入する。", "ja")]
    [InlineData("三菱商事将从哈萨克斯坦进口镓。", "zh")]
    [InlineData("La société japonaise importera du gallium du Kazakhstan dans le cadre d'un accord.", "fr")]
    [InlineData("The Japanese company will import gallium from Kazakhstan under a new agreement.", "en")]
    [InlineData("Das japanische Unternehmen wird Gallium aus Kasachstan importieren, teilte der Konzern mit.", "de")]
    [InlineData("La empresa japonesa importará galio de Kazajistán en el marco de un acuerdo con la minera.", "es")]
    [InlineData("A empresa japonesa vai importar gálio do Cazaquistão, segundo o acordo com a mineradora.", "pt")]
    [InlineData("La minera chilena firmó un acuerdo para vender litio al año a un fabricante coreano.", "es")]
    public void Undeclared_language_comes_from_script_and_words(string text, string expected) =>
        Assert.Equal(expected, Identifier.Identify(null, null, text));

    [Fact]
    public void A_declared_supported_language_wins()
    {
        Assert.Equal("kk", Identifier.Identify("kk-KZ", null, "Казахстан начнет экспорт галлия."));
        Assert.Equal("zh", Identifier.Identify("zh-Hant", null, "something"));
    }
}
