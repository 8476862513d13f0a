using Xunit;

namespace NewsPipeline.Content.Tests;

public sealed class NonArticleTests
{
    private readonly ContentExtractor _extractor = new(new ContentExtractorOptions());

    [Fact]
    public void An_index_page_of_teasers_is_not_an_article()
    {
        var result = _extractor.ExtractDetailed(Fixtures.Read("index-page.html"), new Uri("https://metalsledger.example/mining/"));

        Assert.False(result.Content.IsArticle);
        Assert.Contains(result.Steps, s => s.Name == CascadeStepNames.NotArticle);
    }

    [Fact]
    public void An_error_page_is_not_an_article()
    {
        var content = _extractor.Extract(Fixtures.Read("error-page.html"), new Uri("https://courrier-metaux.example/nulle-part"));

        Assert.False(content.IsArticle);
        Assert.DoesNotContain("Marchés", content.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_document_is_not_an_article()
    {
        var content = _extractor.Extract(string.Empty, null);

        Assert.False(content.IsArticle);
        Assert.Equal(string.Empty, content.Text);
    }
}
