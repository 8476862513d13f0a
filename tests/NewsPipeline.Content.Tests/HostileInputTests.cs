using System.Text;
using Xunit;

namespace NewsPipeline.Content.Tests;

/// <summary>Inputs a crawler meets in the wild; the extractor must return, not throw or overflow the stack.</summary>
public sealed class HostileInputTests
{
    private const string Paragraph = "<p>The refinery processed a record volume of ore this quarter, its operator said, and expects more next year.</p>";
    private readonly ContentExtractor _extractor = new(new ContentExtractorOptions());

    [Fact]
    public void Survives_100k_nested_elements()
    {
        var html = new StringBuilder("<html><body>");
        for (var i = 0; i < 100_000; i++)
        {
            html.Append(i % 2 == 0 ? "<div>" : "<span>");
        }

        html.Append(Paragraph).Append("deep text");

        var content = _extractor.Extract(html.ToString(), new Uri("https://example.org/deep"));

        Assert.NotNull(content);
    }

    [Fact]
    public void Survives_100k_nested_elements_with_text_at_every_level()
    {
        var html = new StringBuilder("<html><body>");
        for (var i = 0; i < 100_000; i++)
        {
            html.Append("<div>level, text");
        }

        var content = _extractor.Extract(html.ToString(), null);

        Assert.NotNull(content);
    }

    [Fact]
    public void Extracts_the_story_from_a_5_mb_page()
    {
        var html = new StringBuilder("<html><body><nav>");
        while (html.Length < 5_000_000)
        {
            html.Append("<a href=\"/x\">Link to another section of the site</a> ");
        }

        html.Append("</nav><article>").Append(Paragraph).Append(Paragraph.Replace("refinery", "smelter", StringComparison.Ordinal)).Append("</article></body></html>");

        var content = _extractor.Extract(html.ToString(), null);

        Assert.Contains("The smelter processed a record volume", content.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Link to another section", content.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<")]
    [InlineData("<html><body><p>unclosed <b><i>tags <table><td>cell</p></b>")]
    [InlineData("<!DOCTYPE html><html><head><script>while(true){}</script><title>x")]
    [InlineData("<html><head><script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"articleBody\": </script></head></html>")]
    [InlineData("<html><head><script type=\"application/ld+json\">[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]</script></head></html>")]
    [InlineData("\0\u0001\u0002\uFFFE\uD800 binary")]
    [InlineData("<html><head><meta property=\"article:published_time\" content=\"99999-99-99\"><link rel=canonical href=\"javascript:alert(1)\"></head></html>")]
    public void Never_throws_on_malformed_input(string html)
    {
        var result = _extractor.ExtractDetailed(html, new Uri("https://example.org/"));

        Assert.NotNull(result.Content.Text);
        Assert.DoesNotContain(result.Steps, s => s.Name == "error");
    }

    [Fact]
    public void Null_html_is_read_as_empty()
    {
        var content = _extractor.Extract(null!, null);

        Assert.Equal(string.Empty, content.Text);
        Assert.False(content.IsArticle);
    }
}
