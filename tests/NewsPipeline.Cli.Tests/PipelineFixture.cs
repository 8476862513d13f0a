using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Cli.Worker;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Core.Storage;
using NewsPipeline.Extraction;
using NewsPipeline.Ingestion;
using NewsPipeline.Storage;

namespace NewsPipeline.Cli.Tests;

/// <summary>The real pipeline (real HTTP, real LiteDB file, shipped models) wired as `run` wires it.</summary>
internal sealed class PipelineFixture : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    public PipelineFixture(string databasePath, TimeProvider? time = null, WorkerOptions? worker = null, Action<IServiceCollection>? configure = null)
    {
        var settings = new PipelineSettings(
            new StoreSettings { LiteDb = new LiteDbStoreOptions { DatabasePath = databasePath } },
            new IngestionOptions { RequestTimeout = TimeSpan.FromSeconds(5) },
            // Tests that are not about politeness poll several loopback feeds in one pass without waiting out a host gap.
            worker ?? new WorkerOptions { MinimumHostGap = TimeSpan.Zero },
            ArticleAnalyzer.DefaultModelsDirectory);
        var services = new ServiceCollection().AddLogging().AddSingleton(new Random(7));
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddNewsPipeline(settings);
        configure?.Invoke(services);
        provider = services.BuildServiceProvider();
    }

    public IngestCycle Cycle => provider.GetRequiredService<IngestCycle>();

    public IPipelineStore Store => provider.GetRequiredService<IPipelineStore>();

    public IPollCoordinator Coordinator => provider.GetRequiredService<IPollCoordinator>();

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
