using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using NewsPipeline.Core.Search;
using NewsPipeline.Search.Postgres;
using NewsPipeline.Search.Vocabulary;
using Npgsql;

namespace NewsPipeline.Search;

public static class SearchServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Lucene index beside the store file, the query parser with its lexicon vocabulary, and a
    /// start-up step that re-indexes what the store has and the index lacks. Needs the store registered.
    /// </summary>
    public static IServiceCollection AddNewsPipelineSearch(this IServiceCollection services, string databasePath, string modelsDirectory)
    {
        var options = SearchIndexOptions.Beside(databasePath);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid search index options: " + string.Join(" ", errors));
        }

        services.AddSingleton(_ => LuceneSearchIndex.Open(options));
        services.AddSingleton<IRebuildableSearchIndex>(provider => provider.GetRequiredService<LuceneSearchIndex>());
        return services.AddSearchServices(modelsDirectory);
    }

    /// <summary>
    /// Registers search on the PostgreSQL server (tables of migration 0003_search) over the registered
    /// <see cref="NpgsqlDataSource"/>, with the same parser, vocabulary, maintenance and start-up catch-up as
    /// <see cref="AddNewsPipelineSearch"/>. Needs the store and the data source registered.
    /// </summary>
    public static IServiceCollection AddPostgresSearch(this IServiceCollection services, string modelsDirectory, PostgresSearchOptions? options = null)
    {
        var errors = (options ?? new PostgresSearchOptions()).Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid PostgreSQL search options: " + string.Join(" ", errors));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new PostgresSearchIndex(
            provider.GetRequiredService<NpgsqlDataSource>(), provider.GetRequiredService<TimeProvider>(), options));
        services.AddSingleton<IRebuildableSearchIndex>(provider => provider.GetRequiredService<PostgresSearchIndex>());
        return services.AddSearchServices(modelsDirectory);
    }

    // What both engines share: the index behind the interfaces, the parser and its vocabulary, and maintenance.
    private static IServiceCollection AddSearchServices(this IServiceCollection services, string modelsDirectory)
    {
        services.AddSingleton<IEventSearchIndex>(provider => provider.GetRequiredService<IRebuildableSearchIndex>());
        services.AddSingleton(_ => SearchVocabularyLoader.Load(modelsDirectory));
        services.AddSingleton<EventSearchParser>();
        services.AddSingleton<SearchIndexMaintenance>();
        services.AddHostedService<SearchIndexCatchUp>();
        return services;
    }
}

/// <summary>Runs <see cref="SearchIndexMaintenance.CatchUpAsync"/> before the host serves anything.</summary>
internal sealed class SearchIndexCatchUp(SearchIndexMaintenance maintenance) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => maintenance.CatchUpAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
