using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Cli.Commands;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Core.Json;
using NewsPipeline.Core.Storage;
using NewsPipeline.Storage;
using NewsPipeline.Storage.LiteDb;

namespace NewsPipeline.Cli.Query;

/// <summary>
/// Read access for commands that run beside the worker: when a running process owns the store file, ask it
/// over its loopback endpoint; otherwise open the file directly (LiteDB must never be opened twice).
/// </summary>
internal static class StoreReader
{
    public static async Task<IReadOnlyList<StoredEvent>> QueryEventsAsync(FileInfo db, EventQueryParameters parameters, EventQuery query, CancellationToken cancellationToken) =>
        await ReadAsync(
            db,
            QueryApi.EventsPath + parameters.ToQueryString(),
            store => store.QueryEventsAsync(query, cancellationToken),
            cancellationToken) ?? [];

    public static async Task<IReadOnlyList<FeedState>> ListFeedStatesAsync(FileInfo db, CancellationToken cancellationToken) =>
        await ReadAsync(db, QueryApi.FeedsPath, store => store.ListFeedStatesAsync(cancellationToken), cancellationToken) ?? [];

    private static async Task<T?> ReadAsync<T>(FileInfo db, string pathAndQuery, Func<IPipelineStore, Task<T>> direct, CancellationToken cancellationToken)
    {
        if (StoreLock.TryReadOwner(db.FullName) is { ServiceUrl: { } serviceUrl } owner)
        {
            await Console.Error.WriteLineAsync($"The store is held by process {owner.Pid}; asking it at {serviceUrl}");
            await using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
            var client = services.GetRequiredService<IHttpClientFactory>().CreateClient();
            using var response = await client.GetAsync(new Uri(new Uri(serviceUrl), pathAndQuery), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"the running service answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }

            return await response.Content.ReadFromJsonAsync<T>(RecordJson.Options, cancellationToken);
        }

        if (!db.Exists)
        {
            throw new UsageException($"no store at {db.FullName}: run 'newspipeline demo' or 'newspipeline run' first, or pass --db");
        }

        using var store = LiteDbPipelineStore.Open(PipelineSettings.Default(db.FullName).Store, TimeProvider.System);
        return await direct(store);
    }
}
