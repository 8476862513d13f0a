using NewsPipeline.Content;
using Xunit;

namespace NewsPipeline.Content.Tests;

public sealed class BlockFilterTests
{
    [Theory]
    [InlineData("de", "Lesen Sie auch:", "Hafenbetreiber meldet mehr Kupferumschlag")]
    [InlineData("fr", "Lire aussi :", "Le port du Havre reçoit plus de nickel")]
    [InlineData("en", "Read also:", "Smelter workers vote on a new wage deal")]
    [InlineData("ja", "あわせて読みたい：", "北海道の製錬所、銅の出荷を増やす")]
    [InlineData("ru", "Читайте также:", "Порт Усть-Луга нарастил перевалку никеля")]
    public void A_linked_headline_behind_a_stock_label_is_not_part_of_the_story(string language, string label, string headline)
    {
        var story = "The refinery will ship its first cargo of battery-grade material next spring, the operator said on Monday. "
            + "It expects to reach full capacity within two years and has signed long-term contracts with two customers.";
        var html = $"<html lang=\"{language}\"><body><article><h1>Title</h1><p>{story}</p>"
            + $"<p><strong>{label}</strong> <a href=\"/other\">{headline}</a></p><p>{story.Replace("refinery", "plant", StringComparison.Ordinal)}</p></article></body></html>";

        var content = new ContentExtractor(new ContentExtractorOptions()).Extract(html, null);

        Assert.Contains("first cargo", content.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(headline, content.Text, StringComparison.Ordinal);
    }
}
