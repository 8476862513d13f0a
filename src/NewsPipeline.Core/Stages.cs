using NewsPipeline.Core.Articles;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Feeds;

namespace NewsPipeline.Core;

/// <summary>Conditional GET of a feed document with the validators held in <see cref="FeedState"/>.</summary>
public interface IFeedFetcher
{
    Task<FeedFetchResult> FetchAsync(FeedDefinition feed, FeedState state, CancellationToken cancellationToken);
}

/// <summary>
/// What a feed poll produced. <see cref="Body"/> is null on 304 or failure;
/// <see cref="NewUrl"/> is set after a permanent redirect; validators are to be stored verbatim.
/// <see cref="RetryAfter"/> is the server's Retry-After; <see cref="FreshFor"/> how long the answer stays fresh
/// by its Cache-Control max-age or Expires header (null when the server says nothing or forbids caching).
/// </summary>
public sealed record FeedFetchResult(
    byte[]? Body,
    string? ContentType,
    Uri FinalUrl,
    Uri? NewUrl,
    string? ETag,
    string? LastModified,
    bool NotModified,
    Failure? Failure,
    TimeSpan? RetryAfter,
    TimeSpan? FreshFor = null,
    int? StatusCode = null)
{
    /// <summary>
    /// The failure is the host's, not the feed's (unreachable, too slow, overloaded or refusing us), so every feed of
    /// that host should slow down; a 404 or an unparseable document concerns this feed alone.
    /// </summary>
    public bool IsHostFault => Failure is { } failure
        && (failure.Reason is FailureReason.NetworkError or FailureReason.Timeout or FailureReason.RateLimited || StatusCode >= 500);
}

/// <summary>Turns the bytes of a feed into entries; never throws on bad input.</summary>
public interface IFeedParser
{
    Outcome<ParsedFeed> Parse(ReadOnlyMemory<byte> body, string? contentType, Uri baseUrl);
}

/// <summary>Fetches one article page within the page limits and decodes it.</summary>
public interface IPageFetcher
{
    Task<Outcome<FetchedPage>> FetchAsync(Uri url, CancellationToken cancellationToken);
}

/// <summary>Main text and metadata of an HTML page.</summary>
public interface IContentExtractor
{
    ArticleContent Extract(string html, Uri? pageUrl);
}

/// <summary>Recognition and event building over one article's text (no I/O).</summary>
public interface IArticleAnalyzer
{
    ExtractionResult Analyze(ExtractionInput input);
}
