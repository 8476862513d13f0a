namespace NewsPipeline.Content;

/// <summary>Limits and thresholds of <see cref="ContentExtractor"/>; the defaults suit news pages.</summary>
/// <param name="MaxHtmlChars">Longer inputs are cut here before parsing, so that one hostile page cannot exhaust memory.</param>
/// <param name="MinBodyChars">Below this many letters the scorer's result counts as too short and the recall fallback runs.</param>
/// <param name="MinArticleChars">A page whose final text has fewer letters than this is not an article (error, index or stub page).</param>
/// <param name="UseStructuredData">Whether a JSON-LD <c>articleBody</c> may be used when the DOM agrees with it or yields too little.</param>
public sealed record ContentExtractorOptions(
    int MaxHtmlChars = 20_000_000,
    int MinBodyChars = 250,
    int MinArticleChars = 150,
    bool UseStructuredData = true)
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxHtmlChars, 1_000, nameof(MaxHtmlChars));
        ArgumentOutOfRangeException.ThrowIfNegative(MinBodyChars, nameof(MinBodyChars));
        ArgumentOutOfRangeException.ThrowIfNegative(MinArticleChars, nameof(MinArticleChars));
    }
}
