using LiteDB;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Core.Storage;
using NewsPipeline.Storage.Threading;

namespace NewsPipeline.Storage.LiteDb;

/// <summary>
/// The embedded store: one LiteDB 5 file owned by this process (see <see cref="StoreLock"/>), every operation
/// run synchronously on one dedicated thread, an article and its events written in one transaction.
/// </summary>
public sealed partial class LiteDbPipelineStore : IPipelineStore
{
    private readonly LiteDatabase database;
    private readonly StoreLock storeLock;
    private readonly StoreWorker worker;
    private readonly ILiteCollection<FeedDocument> feeds;
    private readonly ILiteCollection<ArticleDocument> articles;
    private readonly ILiteCollection<EventDocument> events;
    private int disposed;

    private LiteDbPipelineStore(LiteDatabase database, StoreLock storeLock)
    {
        this.database = database;
        this.storeLock = storeLock;
        feeds = database.GetCollection<FeedDocument>(StoreSchema.Feeds);
        articles = database.GetCollection<ArticleDocument>(StoreSchema.Articles);
        events = database.GetCollection<EventDocument>(StoreSchema.Events);
        worker = new StoreWorker("LiteDB store " + Path.GetFileName(storeLock.DatabasePath));
    }

    /// <summary>Full path of the data file.</summary>
    public string DatabasePath => storeLock.DatabasePath;

    /// <summary>How this process appears to others that find the store locked.</summary>
    public StoreOwner Owner => storeLock.Owner;

    /// <summary>
    /// Takes the store file for this process (or throws <see cref="StoreLockedException"/>), opens or creates it
    /// and ensures every index, which also restores one whose build a crash interrupted.
    /// </summary>
    public static LiteDbPipelineStore Open(LiteDbStoreOptions options, TimeProvider time)
    {
        options.ThrowIfInvalid();
        var storeLock = StoreLock.Acquire(options.DatabasePath, serviceUrl: null, time);
        LiteDatabase? database = null;
        try
        {
            database = new LiteDatabase(StoreSchema.ConnectionString(storeLock.DatabasePath), StoreMapper.Create());
            StoreSchema.EnsureIndexes(database);
            return new LiteDbPipelineStore(database, storeLock);
        }
        catch
        {
            database?.Dispose();
            storeLock.Dispose();
            throw;
        }
    }

    /// <summary>Writes the loopback URL where this process answers queries into the lock, for other commands to find.</summary>
    public void PublishServiceUrl(string? serviceUrl) => storeLock.UpdateServiceUrl(serviceUrl);

    public Task<FeedState?> GetFeedStateAsync(string feedName, CancellationToken cancellationToken) =>
        worker.RunAsync(
            () => feeds.FindById(feedName) is { } document ? DocumentMapping.ToRecord(document) : null,
            cancellationToken);

    public Task SaveFeedStateAsync(FeedState state, CancellationToken cancellationToken) =>
        worker.RunAsync(() => feeds.Upsert(DocumentMapping.ToDocument(state)), cancellationToken);

    public Task<IReadOnlyList<FeedState>> ListFeedStatesAsync(CancellationToken cancellationToken) =>
        worker.RunAsync<IReadOnlyList<FeedState>>(
            () => feeds.FindAll().Select(DocumentMapping.ToRecord).OrderBy(state => state.FeedName, StringComparer.Ordinal).ToList(),
            cancellationToken);

    public Task<bool> ContainsArticleAsync(string canonicalUrl, CancellationToken cancellationToken)
    {
        var key = DocumentMapping.CanonicalKey(canonicalUrl);
        return worker.RunAsync(() => articles.Exists(StoreSchema.HasCanonicalKey(key)), cancellationToken);
    }

    public Task<IngestOutcome> AddArticleAsync(StoredArticle article, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var mismatched = events.FirstOrDefault(e => !string.Equals(e.ArticleId, article.Id, StringComparison.Ordinal));
        if (mismatched is not null)
        {
            throw new ArgumentException($"Event {mismatched.Id} names article {mismatched.ArticleId}, not {article.Id}.", nameof(events));
        }

        var articleDocument = DocumentMapping.ToDocument(article);
        var eventDocuments = events.Select(DocumentMapping.ToDocument).ToList();
        return worker.RunAsync(() => Ingest(articleDocument, eventDocuments), cancellationToken);
    }

    public Task<StoredArticle?> GetArticleAsync(string id, CancellationToken cancellationToken) =>
        worker.RunAsync(
            () => articles.FindById(id) is { } document ? DocumentMapping.ToRecord(document) : null,
            cancellationToken);

    public Task<IReadOnlyList<StoredEvent>> QueryEventsAsync(EventQuery query, CancellationToken cancellationToken)
    {
        var filter = new EventFilter(query);
        return worker.RunAsync<IReadOnlyList<StoredEvent>>(
            () => filter.Run(events).Select(DocumentMapping.ToRecord).ToList(),
            cancellationToken);
    }

    public Task<StoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken) =>
        worker.RunAsync(
            () => new StoreStatistics(feeds.LongCount(), articles.LongCount(), events.LongCount()),
            cancellationToken);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        worker.Dispose();
        database.Dispose();
        storeLock.Dispose();
    }

    // Runs on the worker thread only: the explicit transaction must begin and end on the same OS thread.
    private IngestOutcome Ingest(ArticleDocument article, List<EventDocument> eventDocuments)
    {
        if (articles.Exists(StoreSchema.HasCanonicalKey(article.CanonicalKey)) || articles.FindById(article.Id) is not null)
        {
            return IngestOutcome.DuplicateUrl;
        }

        if (articles.Exists(StoreSchema.HasContentHash(article.ContentHash)))
        {
            return IngestOutcome.DuplicateContent;
        }

        if (!database.BeginTrans())
        {
            throw new InvalidOperationException("A LiteDB transaction was left open on the store thread.");
        }

        try
        {
            articles.Insert(article);
            if (eventDocuments.Count > 0)
            {
                events.InsertBulk(eventDocuments);
            }

            database.Commit();
        }
        catch
        {
            database.Rollback();
            throw;
        }

        return IngestOutcome.Added;
    }
}
