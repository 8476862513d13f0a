using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NewsPipeline.Core;
using NewsPipeline.Core.Text;
using NewsPipeline.Ingestion.Http;
using NewsPipeline.Ingestion.Parsing;

namespace NewsPipeline.Ingestion;

public static class IngestionServiceCollectionExtensions
{
    /// <summary>
    /// Registers the feed and page fetchers (named HttpClients from IHttpClientFactory), the feed parser,
    /// the text decoder and a system <see cref="TimeProvider"/> unless one is registered already.
    /// </summary>
    public static IServiceCollection AddNewsPipelineIngestion(this IServiceCollection services, IngestionOptions options)
    {
        options.EnsureValid();
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options);
        services.TryAddSingleton<TextDecoder>();
        AddClient(services, IngestionHttpClients.Feeds, options);
        AddClient(services, IngestionHttpClients.Pages, options);
        services.TryAddSingleton<IFeedFetcher, HttpFeedFetcher>();
        services.TryAddSingleton<IPageFetcher, HttpPageFetcher>();
        services.TryAddSingleton<IFeedParser, FeedDocumentParser>();
        services.TryAddSingleton<FeedDocumentParser>();
        services.TryAddSingleton<FeedParseReport>();
        return services;
    }

    private static void AddClient(IServiceCollection services, string name, IngestionOptions options) =>
        services.AddHttpClient(name, client =>
            {
                // The fetcher owns the deadline (it must tell a timeout from a caller's cancellation).
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // Redirects are followed by the fetcher so permanent moves can be reported and hops counted.
                AllowAutoRedirect = false,
                // Decompression happens in the fetcher so wire size and decompressed size are capped separately.
                AutomaticDecompression = DecompressionMethods.None,
                PooledConnectionLifetime = options.PooledConnectionLifetime,
                ConnectTimeout = options.RequestTimeout,
                UseCookies = false,
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
}
