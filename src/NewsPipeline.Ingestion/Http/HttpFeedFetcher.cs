using System.Net;
using NewsPipeline.Core;
using NewsPipeline.Core.Feeds;

namespace NewsPipeline.Ingestion.Http;

/// <summary>
/// Conditional GET of a feed, one request chain per poll, with a result that says what the server meant:
/// new content, not modified, moved for good, gone, or "come back later".
/// </summary>
public sealed class HttpFeedFetcher : IFeedFetcher
{
    private readonly BoundedHttpClient http;
    private readonly IngestionOptions options;

    public HttpFeedFetcher(IHttpClientFactory clients, IngestionOptions options, TimeProvider time)
    {
        this.options = options;
        http = new BoundedHttpClient(clients, options, time);
    }

    public async Task<FeedFetchResult> FetchAsync(FeedDefinition feed, FeedState state, CancellationToken cancellationToken)
    {
        var url = state.Url ?? feed.Url;
        var response = await http.GetAsync(
            new HttpGetRequest(IngestionHttpClients.Feeds, url, options.FeedAccept, options.FeedBodyLimitBytes, state.ETag, state.LastModified),
            cancellationToken);
        return ToResult(response, state);
    }

    private static FeedFetchResult ToResult(HttpGetResponse response, FeedState state)
    {
        // Validators from the server win; on a 304 without them the ones we hold stay valid.
        var etag = response.ETag ?? (response.Status == HttpStatusCode.NotModified ? state.ETag : null);
        var lastModified = response.LastModified ?? (response.Status == HttpStatusCode.NotModified ? state.LastModified : null);
        FeedFetchResult Result(byte[]? body = null, bool notModified = false, Failure? failure = null) =>
            new(body, response.ContentType, response.FinalUrl, response.PermanentUrl, etag, lastModified, notModified, failure, response.RetryAfter);

        if (response.Failure is not null)
        {
            return Result(failure: response.Failure);
        }

        return response.Status switch
        {
            HttpStatusCode.NotModified => Result(notModified: true),
            HttpStatusCode.NotFound or HttpStatusCode.Gone =>
                Result(failure: new Failure(FailureReason.Gone, $"HTTP {(int)response.Status} at {response.FinalUrl}: stop polling until the feed is fixed")),
            HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable =>
                Result(failure: new Failure(FailureReason.RateLimited, RateLimitDetail(response))),
            { } status when (int)status is >= 200 and < 300 => response.Body is { Length: > 0 } body
                ? Result(body)
                : Result(failure: new Failure(FailureReason.Empty, $"HTTP {(int)status} with an empty body")),
            var status => Result(failure: new Failure(FailureReason.HttpStatus, $"HTTP {(int?)status} at {response.FinalUrl}")),
        };
    }

    private static string RateLimitDetail(HttpGetResponse response) =>
        response.RetryAfter is { } wait
            ? $"HTTP {(int?)response.Status}, Retry-After {wait.TotalSeconds:0} s"
            : $"HTTP {(int?)response.Status} without Retry-After";
}
