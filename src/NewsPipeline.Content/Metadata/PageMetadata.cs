namespace NewsPipeline.Content.Metadata;

/// <summary>Metadata read from a page's head, JSON-LD and markup, before its main text is known.</summary>
internal sealed record PageMetadata(
    string? Title,
    DateTimeOffset? Published,
    DateSource? PublishedSource,
    DateTimeOffset? Modified,
    string? Author,
    string? SiteName,
    string? DeclaredLanguage,
    Uri? CanonicalUrl,
    bool DeclaresArticle,
    JsonLdArticle? JsonLd);
