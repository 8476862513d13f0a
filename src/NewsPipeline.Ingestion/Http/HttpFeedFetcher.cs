using System.Net;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core;
using NewsPipeline.Core.Feeds;

namespace NewsPipeline.Ingestion.Http;

/// <summary>
/// Conditional GET of a feed, one request chain per poll, with a result that says what the server meant:
/// new content, not modified, moved for good, gone, or "come back later".
/// </summary>
public sealed partial class HttpFeedFetcher : IFeedFetcher
{
    private readonly BoundedHttpClient http;
    private readonly IngestionOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<HttpFeedFetcher> logger;

    public HttpFeedFetcher(IHttpClientFactory clients, IngestionOptions options, TimeProvider time, ILogger<HttpFeedFetcher> logger)
    {
        this.options = options;
        this.time = time;
        this.logger = logger;
        http = new BoundedHttpClient(clients, options, time);
    }

    public async Task<FeedFetchResult> FetchAsync(FeedDefinition feed, FeedState state, CancellationToken cancellationToken)
    {
        var url = state.Url ?? feed.Url;
        var conditional = state.ETag is not null || state.LastModified is not null;
        LogRequest(feed.Name, url, conditional);
        var started = time.GetTimestamp();
        var response = await http.GetAsync(
            new HttpGetRequest(IngestionHttpClients.Feeds, url, options.FeedAccept, options.FeedBodyLimitBytes, state.ETag, state.LastModified),
            cancellationToken);
        var result = ToResult(response, state);
        var elapsed = time.GetElapsedTime(started);
        if (result.Failure is { } failure)
        {
            LogFailed(feed.Name, response.FinalUrl, (int?)response.Status, failure.ToString(), elapsed.TotalMilliseconds);
        }
        else
        {
            LogAnswered(feed.Name, response.FinalUrl, (int?)response.Status, response.Body?.Length ?? 0, elapsed.TotalMilliseconds);
        }

        if (result.RetryAfter is not null || result.FreshFor is not null)
        {
            LogHints(feed.Name, result.RetryAfter, result.FreshFor);
        }

        return result;
    }

    private static FeedFetchResult ToResult(HttpGetResponse response, FeedState state)
    {
        // Validators from the server win; on a 304 without them the ones we hold stay valid.
        var etag = response.ETag ?? (response.Status == HttpStatusCode.NotModified ? state.ETag : null);
        var lastModified = response.LastModified ?? (response.Status == HttpStatusCode.NotModified ? state.LastModified : null);
        FeedFetchResult Result(byte[]? body = null, bool notModified = false, Failure? failure = null) =>
            new(body, response.ContentType, response.FinalUrl, response.PermanentUrl, etag, lastModified, notModified, failure, response.RetryAfter, response.FreshFor, (int?)response.Status);

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

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Feed {Feed}: GET {Url} (conditional: {Conditional})")]
    private partial void LogRequest(string feed, Uri url, bool conditional);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "Feed {Feed}: {Url} answered HTTP {Status}, {Bytes} bytes in {Milliseconds:0} ms")]
    private partial void LogAnswered(string feed, Uri url, int? status, int bytes, double milliseconds);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug, Message = "Feed {Feed}: {Url} failed (HTTP {Status}): {Reason} after {Milliseconds:0} ms")]
    private partial void LogFailed(string feed, Uri url, int? status, string reason, double milliseconds);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Debug, Message = "Feed {Feed}: server hints Retry-After {RetryAfter}, fresh for {FreshFor}")]
    private partial void LogHints(string feed, TimeSpan? retryAfter, TimeSpan? freshFor);
}
