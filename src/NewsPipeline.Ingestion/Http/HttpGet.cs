using System.Net;
using NewsPipeline.Core;

namespace NewsPipeline.Ingestion.Http;

/// <summary>One GET as the fetchers ask for it: which client, what to accept, how much to read, validators.</summary>
internal sealed record HttpGetRequest(
    string ClientName,
    Uri Url,
    string Accept,
    long WireLimitBytes,
    string? IfNoneMatch = null,
    string? IfModifiedSince = null);

/// <summary>
/// What came back, after redirects. <see cref="Body"/> is read only for 2xx answers;
/// <see cref="PermanentUrl"/> is set when every hop from the requested URL was a permanent redirect;
/// <see cref="FreshFor"/> is the freshness lifetime from Cache-Control max-age (less Age) or Expires (less Date).
/// </summary>
internal sealed record HttpGetResponse(
    Uri FinalUrl,
    Uri? PermanentUrl,
    HttpStatusCode? Status,
    byte[]? Body,
    string? ContentType,
    string? ContentLanguage,
    string? ETag,
    string? LastModified,
    TimeSpan? RetryAfter,
    Failure? Failure,
    TimeSpan? FreshFor = null);
