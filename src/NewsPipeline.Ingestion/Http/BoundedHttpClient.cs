using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using NewsPipeline.Core;

namespace NewsPipeline.Ingestion.Http;

/// <summary>
/// The one place that performs GETs: follows redirects itself up to the hop limit, enforces the deadline,
/// caps the body on the wire and after decompression, and turns network faults into <see cref="Failure"/> values.
/// A cancellation by the caller still throws <see cref="OperationCanceledException"/> (shutdown is not a failure of the feed).
/// </summary>
internal sealed class BoundedHttpClient(IHttpClientFactory clients, IngestionOptions options, TimeProvider time)
{
    private const int BufferSize = 81920;

    public async Task<HttpGetResponse> GetAsync(HttpGetRequest request, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(options.RequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var redirects = new RedirectTracker(request.Url);
        try
        {
            var client = clients.CreateClient(request.ClientName);
            while (true)
            {
                using var message = BuildMessage(request, redirects.Current);
                using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token);
                if (!IsRedirect(response.StatusCode))
                {
                    return await ReadAsync(request, response, redirects, linked.Token);
                }

                var failure = redirects.Follow(response.StatusCode, response.Headers.Location, options.MaxRedirects);
                if (failure is not null)
                {
                    return FailureResponse(redirects, failure, response.StatusCode);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return FailureResponse(redirects, new Failure(FailureReason.Timeout, $"no complete answer within {options.RequestTimeout.TotalSeconds:0.#} s"));
        }
        catch (HttpRequestException e)
        {
            return FailureResponse(redirects, new Failure(FailureReason.NetworkError, e.Message));
        }
        catch (IOException e)
        {
            return FailureResponse(redirects, new Failure(FailureReason.NetworkError, e.Message));
        }
        catch (InvalidDataException e)
        {
            return FailureResponse(redirects, new Failure(FailureReason.Malformed, "compressed body is corrupt: " + e.Message));
        }
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static HttpRequestMessage BuildMessage(HttpGetRequest request, Uri url)
    {
        var message = new HttpRequestMessage(HttpMethod.Get, url);
        message.Headers.TryAddWithoutValidation("Accept", request.Accept);
        message.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        message.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("deflate"));
        message.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));

        // Validators go back exactly as the server sent them (weak ETags and odd date formats included).
        if (!string.IsNullOrEmpty(request.IfNoneMatch))
        {
            message.Headers.TryAddWithoutValidation("If-None-Match", request.IfNoneMatch);
        }

        if (!string.IsNullOrEmpty(request.IfModifiedSince))
        {
            message.Headers.TryAddWithoutValidation("If-Modified-Since", request.IfModifiedSince);
        }

        return message;
    }

    private static HttpGetResponse FailureResponse(RedirectTracker redirects, Failure failure, HttpStatusCode? status = null) =>
        new(redirects.Current, redirects.PermanentUrl, status, null, null, null, null, null, null, failure);

    private static string? Header(HttpResponseMessage response, string name)
    {
        if (response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values))
        {
            return values.FirstOrDefault();
        }

        return null;
    }

    private async Task<HttpGetResponse> ReadAsync(HttpGetRequest request, HttpResponseMessage response, RedirectTracker redirects, CancellationToken cancellationToken)
    {
        var contentType = response.Content.Headers.ContentType?.ToString();
        var contentLanguage = Header(response, "Content-Language");
        var etag = Header(response, "ETag");
        var lastModified = Header(response, "Last-Modified");
        var retryAfter = RetryAfter(response.Headers.RetryAfter);
        var freshFor = FreshFor(response);
        HttpGetResponse Answer(byte[]? body, Failure? failure) =>
            new(redirects.Current, redirects.PermanentUrl, response.StatusCode, body, contentType, contentLanguage, etag, lastModified, retryAfter, failure, freshFor);

        if (!response.IsSuccessStatusCode)
        {
            return Answer(null, null);
        }

        if (response.Content.Headers.ContentLength > request.WireLimitBytes)
        {
            return Answer(null, TooLarge(request.WireLimitBytes, "declared Content-Length " + response.Content.Headers.ContentLength));
        }

        var (body, failure) = await ReadBodyAsync(response.Content, request.WireLimitBytes, cancellationToken);
        return Answer(body, failure);
    }

    private async Task<(byte[]? Body, Failure? Failure)> ReadBodyAsync(HttpContent content, long wireLimit, CancellationToken cancellationToken)
    {
        await using var wire = new CappedReadStream(await content.ReadAsStreamAsync(cancellationToken), wireLimit);
        var encoding = content.Headers.ContentEncoding.LastOrDefault()?.Trim().ToLowerInvariant();
        await using var decoded = encoding switch
        {
            null or "" or "identity" => (Stream)wire,
            "gzip" or "x-gzip" => new GZipStream(wire, CompressionMode.Decompress, leaveOpen: true),
            "deflate" => new ZLibStream(wire, CompressionMode.Decompress, leaveOpen: true),
            "br" => new BrotliStream(wire, CompressionMode.Decompress, leaveOpen: true),
            _ => null,
        };
        if (decoded is null)
        {
            return (null, new Failure(FailureReason.UnsupportedContent, $"unsupported Content-Encoding '{encoding}'"));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[BufferSize];
        try
        {
            int n;
            while ((n = await decoded.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + n > options.DecompressedBodyLimitBytes)
                {
                    return (null, TooLarge(options.DecompressedBodyLimitBytes, "after decompression"));
                }

                buffer.Write(chunk, 0, n);
            }
        }
        catch (InvalidDataException) when (wire.LimitExceeded)
        {
            // The decompressor saw a stream we cut short; the size limit is the real reason.
        }

        return wire.LimitExceeded
            ? (null, TooLarge(wireLimit, "while streaming"))
            : (buffer.ToArray(), null);
    }

    private static Failure TooLarge(long limit, string how) =>
        new(FailureReason.TooLarge, $"body exceeds {limit} bytes ({how})");

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>
    /// How long the server says this answer stays fresh (RFC 9111 §4.2.1): max-age less the Age already spent in caches,
    /// else Expires less the response's Date. no-store and no-cache give no hint: they forbid reuse, not polling.
    /// </summary>
    private TimeSpan? FreshFor(HttpResponseMessage response)
    {
        var cacheControl = response.Headers.CacheControl;
        if (cacheControl is { NoStore: true } or { NoCache: true })
        {
            return null;
        }

        if (cacheControl?.MaxAge is { } maxAge)
        {
            var left = maxAge - (response.Headers.Age ?? TimeSpan.Zero);
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }

        if (response.Content.Headers.Expires is { } expires)
        {
            var left = expires - (response.Headers.Date ?? time.GetUtcNow());
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>Where the request is now, how many hops it took, and the new home of a permanently moved resource.</summary>
    private sealed class RedirectTracker(Uri requested)
    {
        private int hops;
        private bool onlyPermanent = true;

        public Uri Current { get; private set; } = requested;

        public Uri? PermanentUrl { get; private set; }

        public Failure? Follow(HttpStatusCode status, Uri? location, int maxRedirects)
        {
            if (location is null)
            {
                return new Failure(FailureReason.HttpStatus, $"HTTP {(int)status} redirect without a Location header");
            }

            if (hops >= maxRedirects)
            {
                return new Failure(FailureReason.HttpStatus, $"more than {maxRedirects} redirects (last to {location})");
            }

            var next = location.IsAbsoluteUri ? location : new Uri(Current, location);
            if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
            {
                return new Failure(FailureReason.HttpStatus, $"redirect to a non-HTTP URL {next}");
            }

            hops++;
            onlyPermanent &= status is HttpStatusCode.MovedPermanently or HttpStatusCode.PermanentRedirect;
            if (onlyPermanent)
            {
                PermanentUrl = next;
            }

            Current = next;
            return null;
        }
    }
}
