using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsPipeline.Cli.Commands;
using NewsPipeline.Cli.Hosting;
using System.Net.Http.Json;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Core.Json;
using NewsPipeline.Core.Storage;
using NewsPipeline.Search;
using NewsPipeline.Storage;

namespace NewsPipeline.Cli.Query;

/// <summary>
/// Read access for commands that run beside the worker: when a running process owns the LiteDB file, ask its
/// API over loopback; otherwise open the store and its search index here (LiteDB must never be opened twice).
/// A PostgreSQL store is shared by design: every process opens it directly.
/// </summary>
internal static class StoreReader
{
    public static async Task<T> ReadAsync<T>(
        StoreSettings store,
        Func<HttpClient, Uri, Task<T>> remote,
        Func<IServiceProvider, Task<T>> local,
        CancellationToken cancellationToken)
    {
        if (store.LiteDb is { } liteDb && StoreLock.TryReadOwner(liteDb.DatabasePath) is { ServiceUrl: { } serviceUrl } owner)
        {
            await Console.Error.WriteLineAsync($"The store is held by process {owner.Pid}; asking it at {serviceUrl}");
            await using var http = new ServiceCollection().AddHttpClient().BuildServiceProvider();
            var client = http.GetRequiredService<IHttpClientFactory>().CreateClient();
            client.Timeout = Timeout.InfiniteTimeSpan;
            return await remote(client, new Uri(serviceUrl));
        }

        store.RequireExisting();
        await using var services = new ServiceCollection()
            .AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning))
            .AddNewsPipeline(PipelineSettings.Default(store))
            .BuildServiceProvider();
        await services.GetRequiredService<SearchIndexMaintenance>().CatchUpAsync(cancellationToken);
        return await local(services);
    }

    public static Task<IReadOnlyList<FeedState>> ListFeedStatesAsync(StoreSettings store, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<FeedState>>(
            store,
            async (client, service) => await client.GetFromJsonAsync<List<FeedState>>(new Uri(service, "api/feeds"), RecordJson.Options, cancellationToken) ?? [],
            services => services.GetRequiredService<IPipelineStore>().ListFeedStatesAsync(cancellationToken),
            cancellationToken);

    /// <summary>Throws with the server's own message (a 400 lists every bad parameter).</summary>
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if ((int)response.StatusCode == 400)
            {
                throw new UsageException(body);
            }

            throw new InvalidOperationException($"the running service answered {(int)response.StatusCode}: {body}");
        }
    }
}
