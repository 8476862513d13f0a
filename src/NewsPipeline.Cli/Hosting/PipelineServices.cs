using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NewsPipeline.Alerts;
using NewsPipeline.Alerts.Dispatch;
using NewsPipeline.Alerts.Subscriptions;
using NewsPipeline.Cli.Worker;
using NewsPipeline.Content;
using NewsPipeline.Core;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Core.Storage;
using NewsPipeline.Extraction;
using NewsPipeline.Ingestion;
using NewsPipeline.Search;
using NewsPipeline.Storage;

namespace NewsPipeline.Cli.Hosting;

/// <summary>Everything the pipeline needs, validated before anything starts.</summary>
public sealed record PipelineSettings(
    LiteDbStoreOptions Store,
    IngestionOptions Ingestion,
    WorkerOptions Worker,
    string ModelsDirectory)
{
    public static PipelineSettings Default(string databasePath) => new(
        new LiteDbStoreOptions { DatabasePath = databasePath },
        new IngestionOptions(),
        new WorkerOptions(),
        ArticleAnalyzer.DefaultModelsDirectory);

    /// <summary>Every configuration error at once, so an operator fixes them in one go.</summary>
    public IReadOnlyList<string> Validate() =>
        [.. Store.Validate(), .. Ingestion.Validate(), .. Worker.Validate(),
         .. Directory.Exists(ModelsDirectory) ? [] : new[] { $"models folder not found: {ModelsDirectory}" }];
}

/// <summary>The composition root shared by `run`, `demo` and tests.</summary>
public static class PipelineServices
{
    public static IServiceCollection AddNewsPipeline(this IServiceCollection services, PipelineSettings settings)
    {
        var errors = settings.Validate();
        if (errors.Count > 0)
        {
            throw new ConfigurationException(errors);
        }

        services.TryAddSingleton(TimeProvider.System);
        // Jitter only; tests register a seeded instance.
        services.TryAddSingleton(Random.Shared);
        services.AddNewsPipelineIngestion(settings.Ingestion);
        services.AddSingleton(settings.Worker);
        services.AddSingleton<IContentExtractor>(_ => new ContentExtractor(new ContentExtractorOptions()));
        services.AddSingleton<IArticleAnalyzer>(_ => ArticleAnalyzer.Load(settings.ModelsDirectory));
        services.AddLiteDbPipelineStore(settings.Store);
        services.AddNewsPipelineSearch(settings.Store.DatabasePath, settings.ModelsDirectory);
        services.AddSingleton<ArticleIngestor>();
        services.AddSingleton<PollPlanner>();
        services.AddSingleton<HostSchedule>();
        // A server store registers its shared coordinator first; alone on the embedded store, this one suffices.
        services.TryAddSingleton<IPollCoordinator, InProcessPollCoordinator>();
        services.AddSingleton<FeedPoller>();
        services.AddSingleton<IngestCycle>();

        // Alerts: the outbox rows are written by the store's ingest transaction; a host runs the dispatcher.
        services.AddNewsPipelineAlerts(new AlertOptions());
        services.AddSingleton(_ => new SubscriptionValidator(AlertVocabulary.Load(settings.ModelsDirectory)));
        services.AddHostedService<AlertDispatcherService>();
        return services;
    }
}

/// <summary>Configuration that cannot work; carries every problem found.</summary>
public sealed class ConfigurationException(IReadOnlyList<string> errors)
    : Exception("invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
