namespace NewsPipeline.Core.Articles;

/// <summary>An HTTP response body that passed the fetcher's limits, decoded to text.</summary>
/// <param name="RequestedUrl">The URL asked for.</param>
/// <param name="FinalUrl">The URL after redirects.</param>
/// <param name="Text">The body decoded with the charset the fetcher chose.</param>
/// <param name="Encoding">Name of the charset used to decode <paramref name="Text"/>.</param>
/// <param name="ContentLanguage">The Content-Language header, when sent.</param>
public sealed record FetchedPage(
    Uri RequestedUrl,
    Uri FinalUrl,
    string Text,
    string Encoding,
    string? ContentType,
    string? ContentLanguage);
