using NewsPipeline.Core.Text;
using Xunit;

namespace NewsPipeline.Ingestion.Tests;

public sealed class TextFoldingTests
{
    [Theory]
    [InlineData("  Галлий\u00A0из   Казахстана\n", "Галлий из Казахстана")]
    [InlineData("Exportations de me\u0301taux\t\tvers le Japon", "Exportations de métaux vers le Japon")]
    [InlineData("日本\u3000向け  ガリウム", "日本 向け ガリウム")]
    [InlineData(null, "")]
    public void Layout_and_composition_differences_fold_away(string? text, string expected)
    {
        Assert.Equal(expected, TextFolding.Fold(text));
    }

    [Fact]
    public void A_lone_surrogate_in_a_title_is_hashed_not_thrown_on()
    {
        // JSON Feed escapes can carry half a surrogate pair; .NET's own normaliser throws on it.
        var hash = ContentHash.OfText("Lithium \uD83D offtake");

        Assert.Equal(ContentHash.OfText("Lithium \uFFFD  offtake"), hash);
    }
}
