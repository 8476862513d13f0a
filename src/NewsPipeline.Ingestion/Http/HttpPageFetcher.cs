using NewsPipeline.Core;
using NewsPipeline.Core.Articles;
using NewsPipeline.Core.Text;

namespace NewsPipeline.Ingestion.Http;

/// <summary>Fetches one article page within the page limits and decodes it with the charset the page declares.</summary>
public sealed class HttpPageFetcher : IPageFetcher
{
    private readonly BoundedHttpClient http;
    private readonly IngestionOptions options;
    private readonly TextDecoder decoder;

    public HttpPageFetcher(IHttpClientFactory clients, IngestionOptions options, TimeProvider time, TextDecoder decoder)
    {
        this.options = options;
        this.decoder = decoder;
        http = new BoundedHttpClient(clients, options, time);
    }

    public async Task<Outcome<FetchedPage>> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        var response = await http.GetAsync(
            new HttpGetRequest(IngestionHttpClients.Pages, url, options.PageAccept, options.PageBodyLimitBytes),
            cancellationToken);
        if (response.Failure is not null)
        {
            return Outcome<FetchedPage>.Fail(response.Failure);
        }

        var status = (int?)response.Status;
        if (status is 404 or 410)
        {
            return Outcome<FetchedPage>.Fail(FailureReason.Gone, $"HTTP {status} at {response.FinalUrl}");
        }

        if (status is 429 or 503)
        {
            return Outcome<FetchedPage>.Fail(FailureReason.RateLimited, $"HTTP {status} at {response.FinalUrl}");
        }

        if (status is not (>= 200 and < 300) || response.Body is null)
        {
            return Outcome<FetchedPage>.Fail(FailureReason.HttpStatus, $"HTTP {status} at {response.FinalUrl}");
        }

        if (response.Body.Length == 0)
        {
            return Outcome<FetchedPage>.Fail(FailureReason.Empty, $"empty page at {response.FinalUrl}");
        }

        var text = decoder.Decode(response.Body, response.ContentType);
        return Outcome<FetchedPage>.Success(new FetchedPage(url, response.FinalUrl, text.Text, text.EncodingName, response.ContentType, response.ContentLanguage));
    }
}
