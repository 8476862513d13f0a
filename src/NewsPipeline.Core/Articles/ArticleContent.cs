namespace NewsPipeline.Core.Articles;

/// <summary>The main content and metadata of an article page, as the content extractor found it.</summary>
/// <param name="Text">Main text, NFC, paragraphs separated by a blank line.</param>
/// <param name="Language">Primary language tag declared by the page, when trustworthy.</param>
/// <param name="CanonicalUrl">The page's rel=canonical or og:url, resolved; null when the page names none.</param>
/// <param name="IsArticle">False for index, error and other non-article pages.</param>
public sealed record ArticleContent(
    string? Title,
    string Text,
    DateTimeOffset? Published,
    string? Author,
    string? SiteName,
    string? Language,
    Uri? CanonicalUrl,
    bool IsArticle);
