using NewsPipeline.Core.Search;
using NewsPipeline.Core.Storage;

namespace NewsPipeline.Search;

/// <summary>
/// What <see cref="SearchIndexMaintenance"/> needs of an engine to keep it a copy of the store: emptying it,
/// bulk loading, and finding which stored articles it lacks.
/// </summary>
public interface IRebuildableSearchIndex : IEventSearchIndex
{
    /// <summary>Where the index lives, for operators (a folder, or the database's search tables).</summary>
    string Location { get; }

    /// <summary>Removes every article and event (before a rebuild).</summary>
    Task ClearAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Adds many articles with their events in one go. With <paramref name="known"/> false the articles are taken
    /// as new to the index, which lets an engine skip replacing what they had.
    /// </summary>
    Task IndexBatchAsync(IReadOnlyList<(StoredArticle Article, IReadOnlyList<StoredEvent> Events)> batch, bool known, CancellationToken cancellationToken);

    /// <summary>The ids among <paramref name="articleIds"/> the index does not hold, in the order given.</summary>
    Task<IReadOnlyList<string>> MissingArticlesAsync(IReadOnlyList<string> articleIds, CancellationToken cancellationToken);
}
