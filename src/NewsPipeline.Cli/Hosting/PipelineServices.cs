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
using NewsPipeline.Storage.Postgres;
using NewsPipeline.Storage.Postgres.Coordination;

namespace NewsPipeline.Cli.Hosting;

/// <summary>Everything the pipeline needs, validated before anything starts.</summary>
public sealed record PipelineSettings(
    StoreSettings Store,
    IngestionOptions Ingestion,
    WorkerOptions Worker,
    string ModelsDirectory)
{
    /// <summary>Defaults around the store named by <paramref name="store"/> (a LiteDB path or a PostgreSQL connection string).</summary>
    public static PipelineSettings Default(string store) => Default(StoreSettings.For(store));

    public static PipelineSettings Default(StoreSettings store) => new(
        store,
        new IngestionOptions(),
        new WorkerOptions(),
        ArticleAnalyzer.DefaultModelsDirectory);

    /// <summary>How the alert dispatcher works the outbox.</summary>
    public AlertOptions Alerts { get; init; } = new();

    /// <summary>Every configuration error at once, so an operator fixes them in one go.</summary>
    public IReadOnlyList<string> Validate() =>
        [.. Store.Validate(), .. Ingestion.Validate(), .. Worker.Validate(), .. Alerts.Validate(),
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
        services.AddPipelineStore(settings.Store, settings.ModelsDirectory);
        services.AddSingleton<ArticleIngestor>();
        services.AddSingleton<PollPlanner>();
        services.AddSingleton<HostSchedule>();
        if (settings.Store.IsPostgres)
        {
            // Many workers share a server store: leases and host turns live in it, with its health.
            services.AddPostgresCoordination(settings.Worker.Coordination);
        }

        // Alone on the embedded store, feeds and host turns are this process's to hand out.
        services.TryAddSingleton<IPollCoordinator, InProcessPollCoordinator>();
        services.AddSingleton<FeedPoller>();
        services.AddSingleton<IngestCycle>();

        // Alerts: the outbox rows are written by the store's ingest transaction; a host runs the dispatcher.
        services.AddNewsPipelineAlerts(settings.Alerts);
        services.AddSingleton(_ => new SubscriptionValidator(AlertVocabulary.Load(settings.ModelsDirectory)));
        services.AddHostedService<AlertDispatcherService>();
        return services;
    }

    /// <summary>
    /// The store and its search index on the chosen backend: the LiteDB file with a Lucene index beside it, or
    /// PostgreSQL with its own full-text search. Both register <see cref="IPipelineStore"/>, <see cref="IAnalystStore"/>,
    /// <c>IAlertStore</c> and <c>IEventSearchIndex</c>, so nothing above this line knows which one runs.
    /// </summary>
    public static IServiceCollection AddPipelineStore(this IServiceCollection services, StoreSettings store, string modelsDirectory)
    {
        services.AddStoreOnly(store);
        if (store.IsPostgres)
        {
            services.AddPostgresSearch(modelsDirectory);
        }
        else
        {
            services.AddNewsPipelineSearch(store.LiteDb!.DatabasePath, modelsDirectory);
        }

        return services;
    }

    /// <summary>The store without its search index, for commands that read or edit a few records (see <see cref="StoreAccess"/>).</summary>
    public static IServiceCollection AddStoreOnly(this IServiceCollection services, StoreSettings store)
    {
        var errors = store.Validate();
        if (errors.Count > 0)
        {
            throw new ConfigurationException(errors);
        }

        return store.Postgres is { } postgres
            ? services.AddPostgresPipelineStore(postgres)
            : services.AddLiteDbPipelineStore(store.LiteDb!);
    }
}

/// <summary>Configuration that cannot work; carries every problem found.</summary>
public sealed class ConfigurationException(IReadOnlyList<string> errors)
    : Exception("invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
