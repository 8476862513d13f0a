using System.Text.Json;
using Xunit;

namespace NewsPipeline.Content.Tests;

public sealed class CascadeTests
{
    private static readonly string[] Paragraphs =
    [
        "The Pavlodar alumina refinery restarted its gallium recovery line on Tuesday, ten years after it was shut down.",
        "The unit is to deliver fifteen tonnes of metal a year from 2027, about three percent of supply outside China.",
        "Plant managers said the ion-exchange process uses less energy than the one it replaces, and needs fewer workers.",
        "The first lots will be refined in Germany before being sold to European chip makers under long-term contracts.",
    ];

    private readonly ContentExtractor _extractor = new(new ContentExtractorOptions());

    [Fact]
    public void Json_ld_article_body_agreeing_with_the_dom_keeps_the_dom_paragraphs()
    {
        var html = Page(articleBody: string.Join(" ", Paragraphs), shownParagraphs: Paragraphs);

        var result = _extractor.ExtractDetailed(html, null);

        Assert.Equal(string.Join("\n\n", Paragraphs), result.Content.Text);
        Assert.Equal(CascadeStepNames.DomScorer, result.ChosenStep?.Name);
        Assert.Contains("agrees", result.Steps[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_ld_article_body_is_used_when_the_page_shows_only_a_teaser()
    {
        var html = Page(articleBody: string.Join("\n", Paragraphs), shownParagraphs: [Paragraphs[0][..40]]);

        var result = _extractor.ExtractDetailed(html, null);

        Assert.Equal(CascadeStepNames.StructuredData, result.ChosenStep?.Name);
        Assert.Equal(string.Join("\n\n", Paragraphs), result.Content.Text);
    }

    [Fact]
    public void A_json_ld_excerpt_does_not_replace_the_full_story()
    {
        var html = Page(articleBody: Paragraphs[0] + " " + Paragraphs[1], shownParagraphs: [.. Paragraphs, .. Paragraphs.Select(p => p.Replace("the", "that", StringComparison.Ordinal))]);

        var result = _extractor.ExtractDetailed(html, null);

        Assert.Equal(CascadeStepNames.DomScorer, result.ChosenStep?.Name);
        Assert.Contains(Paragraphs[3], result.Content.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_step_states_a_reason()
    {
        var result = _extractor.ExtractDetailed(Page(null, Paragraphs), null);

        Assert.Contains(result.Steps, s => s.Name == CascadeStepNames.StructuredData && !s.Chosen);
        Assert.All(result.Steps, s => Assert.False(string.IsNullOrWhiteSpace(s.Reason)));
    }

    [Fact]
    public void Recall_fallback_recovers_a_story_hidden_in_a_misleadingly_named_wrapper()
    {
        // The only container of the story carries a furniture class; class hints alone would lose it.
        var html = "<html><body><div class=\"sidebar-layout\">" +
            string.Concat(Paragraphs.Select(p => $"<p>{p}</p>")) +
            "</div><div class=\"comments\">" + string.Concat(Enumerable.Range(0, 8).Select(i => $"<p>Reader {i} wrote a long comment about energy prices, jobs, and the region's future.</p>")) +
            "</div></body></html>";

        var result = _extractor.ExtractDetailed(html, null);

        Assert.Contains(Paragraphs[3], result.Content.Text, StringComparison.Ordinal);
        Assert.Contains(result.Steps, s => s.Name == CascadeStepNames.RecallFallback && s.Chosen);
    }

    [Fact]
    public void Disabled_structured_data_is_reported_and_skipped()
    {
        var extractor = new ContentExtractor(new ContentExtractorOptions(UseStructuredData: false));

        var result = extractor.ExtractDetailed(Page(string.Join("\n", Paragraphs), [Paragraphs[0][..40]]), null);

        Assert.False(result.Steps[0].Chosen);
        Assert.DoesNotContain(Paragraphs[3], result.Content.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, 250, 150)]
    [InlineData(1_000_000, -1, 150)]
    [InlineData(1_000_000, 250, -5)]
    public void Invalid_options_are_rejected_up_front(int maxChars, int minBody, int minArticle)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContentExtractor(new ContentExtractorOptions(maxChars, minBody, minArticle)));
    }

    [Fact]
    public void Concurrent_calls_give_the_same_results_as_sequential_ones()
    {
        var pages = new[] { "article-fr", "article-ja", "article-ru", "article-de" }
            .Select(n => Fixtures.Read(Path.Combine("Golden", n + ".html"))).ToArray();
        var sequential = pages.Select(p => _extractor.Extract(p, null)).ToArray();

        var parallel = new NewsPipeline.Core.Articles.ArticleContent[pages.Length * 8];
        Parallel.For(0, parallel.Length, i => parallel[i] = _extractor.Extract(pages[i % pages.Length], null));

        for (var i = 0; i < parallel.Length; i++)
        {
            Assert.Equal(sequential[i % pages.Length], parallel[i]);
        }
    }

    private static string Page(string? articleBody, IReadOnlyList<string> shownParagraphs)
    {
        var jsonLd = articleBody is null
            ? string.Empty
            : "<script type=\"application/ld+json\">" + JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["@context"] = "https://schema.org",
                ["@type"] = "NewsArticle",
                ["headline"] = "Gallium line restarts",
                ["articleBody"] = articleBody,
            }) + "</script>";
        return $"<html lang=\"en\"><head><title>Gallium line restarts</title>{jsonLd}</head><body>" +
            "<nav><a href=\"/\">Home</a> <a href=\"/markets\">Markets</a></nav><article>" +
            string.Concat(shownParagraphs.Select(p => $"<p>{p}</p>")) +
            "<div class=\"paywall\"><p>Subscribe to read the full story.</p></div></article></body></html>";
    }
}
