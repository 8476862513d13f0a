using Xunit;

namespace NewsPipeline.Content.Tests;

public sealed class MetadataTests
{
    private const string Story =
        "<p>The smelter processed more concentrate than in any previous quarter, according to its operator, and plans a second line next year.</p>" +
        "<p>Local officials welcomed the news, saying the plant now employs more than a thousand people in the district.</p>";

    private readonly ContentExtractor _extractor = new(new ContentExtractorOptions());

    [Fact]
    public void Published_date_from_a_time_element()
    {
        var html = $"<html><body><article><h1>Smelter output</h1><time datetime=\"2026-03-04T10:15:00+02:00\">4 March</time>{Story}</article></body></html>";

        var result = _extractor.ExtractDetailed(html, new Uri("https://example.org/story"));

        Assert.Equal(new DateTimeOffset(2026, 3, 4, 10, 15, 0, TimeSpan.FromHours(2)), result.Content.Published);
        Assert.Equal(DateSource.TimeElement, result.PublishedSource);
    }

    [Theory]
    [InlineData("2026-03-04T10:15:00 MSK", 2026, 3, 4, 10, 15, 3)]
    [InlineData("Wed, 04 Mar 2026 10:15:00 +0900", 2026, 3, 4, 10, 15, 9)]
    [InlineData("04.03.2026, 10:15:00", 2026, 3, 4, 10, 15, 0)]
    [InlineData("04/03/2026 10:15 pm", 2026, 3, 4, 22, 15, 0)]
    [InlineData("1772619300", 2026, 3, 4, 10, 15, 0)]
    public void Meta_dates_are_read_as_feeds_write_them_and_keep_the_publishers_offset(
        string written, int year, int month, int day, int hour, int minute, int offsetHours)
    {
        var html = $"<html><head><meta property=\"article:published_time\" content=\"{written}\"></head><body><article><h1>Gallium</h1>{Story}</article></body></html>";

        var result = _extractor.ExtractDetailed(html, null);

        var expected = new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(offsetHours));
        Assert.Equal(expected, result.Content.Published);
        Assert.Equal(expected.Offset, result.Content.Published?.Offset);
        Assert.Equal(DateSource.MetaTag, result.PublishedSource);
    }

    [Theory]
    [InlineData("২০২৬-০৩-০৪T১০:১৫:০০+০৬:০০")]
    [InlineData("1850-01-01")]
    public void Meta_dates_that_are_not_plausible_publication_dates_give_way_to_the_url(string written)
    {
        var html = $"<html><head><meta property=\"article:published_time\" content=\"{written}\"></head><body><article>{Story}</article></body></html>";

        var result = _extractor.ExtractDetailed(html, new Uri("https://example.org/2025/11/07/smelter-output/"));

        Assert.Equal(new DateTimeOffset(2025, 11, 7, 0, 0, 0, TimeSpan.Zero), result.Content.Published);
        Assert.Equal(DateSource.UrlPath, result.PublishedSource);
    }

    [Fact]
    public void Published_date_from_the_url_path()
    {
        var html = $"<html><body><article>{Story}</article></body></html>";

        var result = _extractor.ExtractDetailed(html, new Uri("https://example.org/2025/11/07/smelter-output/"));

        Assert.Equal(new DateTimeOffset(2025, 11, 7, 0, 0, 0, TimeSpan.Zero), result.Content.Published);
        Assert.Equal(DateSource.UrlPath, result.PublishedSource);
    }

    [Theory]
    [InlineData("Publié le 12 mars 2026 à 08h30", 2026, 3, 12)]
    [InlineData("Опубликовано 20 января 2026", 2026, 1, 20)]
    [InlineData("2026年6月2日 09:00", 2026, 6, 2)]
    [InlineData("Aktualisiert: 08.04.2026", 2026, 4, 8)]
    [InlineData("Published March 5, 2026", 2026, 3, 5)]
    [InlineData("25 тамыз 2026", 2026, 8, 25)]
    public void Published_date_from_visible_text_in_several_languages(string dateLine, int year, int month, int day)
    {
        var html = $"<html><body><article><div class=\"article-date\">{dateLine}</div>{Story}</article></body></html>";

        var result = _extractor.ExtractDetailed(html, new Uri("https://example.org/story"));

        Assert.Equal(new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero), result.Content.Published);
        Assert.Equal(DateSource.VisibleText, result.PublishedSource);
    }

    [Fact]
    public void Json_ld_date_wins_over_meta_tags()
    {
        var html = "<html><head><meta property=\"article:published_time\" content=\"2020-01-01T00:00:00Z\">" +
            "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"WebPage\"}," +
            "{\"@type\":[\"NewsArticle\"],\"datePublished\":\"2026-02-03T14:05:00+0000\",\"author\":[{\"name\":\"A. Writer\"},{\"name\":\"B. Writer\"}]}]}</script>" +
            $"</head><body><article>{Story}</article></body></html>";

        var result = _extractor.ExtractDetailed(html, null);

        Assert.Equal(new DateTimeOffset(2026, 2, 3, 14, 5, 0, TimeSpan.Zero), result.Content.Published);
        Assert.Equal(DateSource.JsonLd, result.PublishedSource);
        Assert.Equal("A. Writer, B. Writer", result.Content.Author);
    }

    [Theory]
    [InlineData("Nickel output hits record | Metals Ledger", "Metals Ledger", "Nickel output hits record")]
    [InlineData("Metals Ledger - Nickel output hits record", "Metals Ledger", "Nickel output hits record")]
    [InlineData("Nickel output hits record – metalsledger.example", null, "Nickel output hits record")]
    [InlineData("Le nickel : la production atteint un record", "Le Courrier", "Le nickel : la production atteint un record")]
    public void Title_loses_the_site_suffix(string documentTitle, string? siteName, string expected)
    {
        var site = siteName is null ? string.Empty : $"<meta property=\"og:site_name\" content=\"{siteName}\">";
        var html = $"<html><head><title>{documentTitle}</title>{site}</head><body><article>{Story}</article></body></html>";

        var content = _extractor.Extract(html, new Uri("https://www.metalsledger.example/a/1"));

        Assert.Equal(expected, content.Title);
    }

    [Fact]
    public void Canonical_url_is_resolved_against_the_page_url()
    {
        var html = $"<html><head><link rel=\"canonical\" href=\"../news/gallium.html\"></head><body><article>{Story}</article></body></html>";

        var content = _extractor.Extract(html, new Uri("https://example.org/fr/amp/page.html?x=1"));

        Assert.Equal(new Uri("https://example.org/fr/news/gallium.html"), content.CanonicalUrl);
    }

    [Fact]
    public void Canonical_url_is_null_when_the_page_names_none()
    {
        var content = _extractor.Extract($"<html><body><article>{Story}</article></body></html>", new Uri("https://example.org/a"));

        Assert.Null(content.CanonicalUrl);
    }

    [Fact]
    public void Language_is_the_primary_subtag_of_html_lang()
    {
        var content = _extractor.Extract($"<html lang=\"en-GB\"><body><article>{Story}</article></body></html>", null);

        Assert.Equal("en", content.Language);
    }

    [Fact]
    public void Declared_language_contradicted_by_the_script_of_the_text_is_dropped()
    {
        // A template that says lang="ru" around an English story: the declaration is not trustworthy.
        var content = _extractor.Extract($"<html lang=\"ru\"><body><article>{Story}</article></body></html>", null);

        Assert.Null(content.Language);
    }
}
