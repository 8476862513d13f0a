using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Cli.Worker;
using NewsPipeline.Core.Storage;
using NewsPipeline.Extraction;
using NewsPipeline.Ingestion;
using NewsPipeline.Storage;

namespace NewsPipeline.Cli.Tests;

/// <summary>The real pipeline (real HTTP, real LiteDB file, shipped models) wired as `run` wires it.</summary>
internal sealed class PipelineFixture : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    public PipelineFixture(string databasePath)
    {
        var settings = new PipelineSettings(
            new LiteDbStoreOptions { DatabasePath = databasePath },
            new IngestionOptions { RequestTimeout = TimeSpan.FromSeconds(5) },
            new WorkerOptions(),
            ArticleAnalyzer.DefaultModelsDirectory);
        provider = new ServiceCollection().AddLogging().AddNewsPipeline(settings).BuildServiceProvider();
    }

    public IngestCycle Cycle => provider.GetRequiredService<IngestCycle>();

    public IPipelineStore Store => provider.GetRequiredService<IPipelineStore>();

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
