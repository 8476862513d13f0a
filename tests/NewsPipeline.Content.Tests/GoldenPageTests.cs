using System.Globalization;
using Xunit;

namespace NewsPipeline.Content.Tests;

/// <summary>
/// Pages we wrote ourselves in eight languages and three scripts, each with the furniture real news pages carry
/// (navigation, share buttons, related links, comments, cookie banner, footer) around the story.
/// </summary>
public sealed class GoldenPageTests
{
    private readonly ContentExtractor _extractor = new(new ContentExtractorOptions());

    public static TheoryData<string> Pages() =>
        ["article-fr", "article-en", "article-ru", "article-de", "article-es", "article-ja", "article-zh", "article-kk"];

    [Theory]
    [MemberData(nameof(Pages))]
    public void Keeps_every_paragraph_of_the_story(string name)
    {
        var (expected, content) = Extract(name);

        foreach (var paragraph in expected.Keep)
        {
            Assert.Contains(paragraph, content.Text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Drops_all_page_furniture(string name)
    {
        var (expected, content) = Extract(name);

        foreach (var furniture in expected.Drop)
        {
            Assert.DoesNotContain(furniture, content.Text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("tracking", content.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Separates_paragraphs_with_a_blank_line(string name)
    {
        var (expected, content) = Extract(name);

        Assert.Contains(expected.Keep[0] + "\n\n" + expected.Keep[1], content.Text, StringComparison.Ordinal);
        Assert.StartsWith(expected.Keep[0], content.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Reads_the_metadata(string name)
    {
        var (expected, content) = Extract(name);

        Assert.Equal(expected.Title, content.Title);
        Assert.Equal(DateTimeOffset.Parse(expected.Published, CultureInfo.InvariantCulture), content.Published);
        Assert.Equal(expected.Author, content.Author);
        Assert.Equal(expected.SiteName, content.SiteName);
        Assert.Equal(expected.Language, content.Language);
        Assert.Equal(new Uri(expected.Canonical), content.CanonicalUrl);
        Assert.True(content.IsArticle);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Keeps_list_items_as_lines(string name)
    {
        var (expected, content) = Extract(name);
        var items = expected.Keep.Skip(5).Take(3).ToList();

        Assert.Contains("- " + items[0] + "\n- " + items[1] + "\n- " + items[2], content.Text, StringComparison.Ordinal);
    }

    private (GoldenExpectation Expected, NewsPipeline.Core.Articles.ArticleContent Content) Extract(string name)
    {
        var expected = Fixtures.Expected(name);
        var html = Fixtures.Read(Path.Combine("Golden", name + ".html"));
        // Pages arrive from feeds with tracking parameters; the canonical URL must not keep them.
        var content = _extractor.Extract(html, new Uri(expected.Url + "?utm_source=feed"));
        return (expected, content);
    }
}
