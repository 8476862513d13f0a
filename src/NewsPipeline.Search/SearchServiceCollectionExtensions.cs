using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NewsPipeline.Core.Search;
using NewsPipeline.Search.Vocabulary;

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
        services.AddSingleton<IEventSearchIndex>(provider => provider.GetRequiredService<LuceneSearchIndex>());
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
