using NewsPipeline.Core.Articles;

namespace NewsPipeline.Content;

/// <summary>What <see cref="ContentExtractor.ExtractDetailed"/> found, with the reasons behind it.</summary>
/// <param name="Content">The record the pipeline stores.</param>
/// <param name="PublishedSource">Where <see cref="ArticleContent.Published"/> was read from; null when no date was found.</param>
/// <param name="Modified">Last-modified date, when the page states one.</param>
/// <param name="Steps">The cascade steps that ran, in order, each with the reason for its outcome.</param>
public sealed record ContentExtraction(
    ArticleContent Content,
    DateSource? PublishedSource,
    DateTimeOffset? Modified,
    IReadOnlyList<CascadeStep> Steps)
{
    /// <summary>The step whose text became <see cref="ArticleContent.Text"/>.</summary>
    public CascadeStep? ChosenStep => Steps.LastOrDefault(s => s.Chosen);
}

/// <summary>One step of the extraction cascade and why it was taken or passed over.</summary>
public sealed record CascadeStep(string Name, bool Chosen, string Reason);

/// <summary>Where a page's publication date came from, most trustworthy first.</summary>
public enum DateSource
{
    JsonLd,
    MetaTag,
    TimeElement,
    UrlPath,
    VisibleText,
}

/// <summary>Names of the cascade steps as they appear in <see cref="CascadeStep.Name"/>.</summary>
public static class CascadeStepNames
{
    public const string StructuredData = "structured-data";
    public const string DomScorer = "dom-scorer";
    public const string RecallFallback = "recall-fallback";
    public const string NotArticle = "not-article";
}
