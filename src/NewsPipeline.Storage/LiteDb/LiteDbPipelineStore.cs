using LiteDB;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Stories;
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
    private readonly StoryResolver stories;
    private readonly ILiteCollection<SubscriptionDocument> subscriptions;
    private readonly ILiteCollection<DeliveryDocument> outbox;
    private readonly TimeProvider time;
    private int disposed;

    private LiteDbPipelineStore(LiteDatabase database, StoreLock storeLock, StoryMatchOptions storyOptions, TimeProvider time)
    {
        this.time = time;
        subscriptions = database.GetCollection<SubscriptionDocument>(StoreSchema.AlertSubscriptions);
        outbox = database.GetCollection<DeliveryDocument>(StoreSchema.AlertOutbox);
        stories = new StoryResolver(storyOptions);
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
            return new LiteDbPipelineStore(database, storeLock, options.Stories, time);
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
        var key = StoreKeys.CanonicalKey(canonicalUrl);
        return worker.RunAsync(() => articles.Exists(StoreSchema.HasCanonicalKey(key)), cancellationToken);
    }

    public async Task<IngestOutcome> AddArticleAsync(StoredArticle article, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken) =>
        (await IngestArticleAsync(article, events, cancellationToken)).Outcome;

    public Task<IngestResult> IngestArticleAsync(StoredArticle article, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var mismatched = events.FirstOrDefault(e => !string.Equals(e.ArticleId, article.Id, StringComparison.Ordinal));
        if (mismatched is not null)
        {
            throw new ArgumentException($"Event {mismatched.Id} names article {mismatched.ArticleId}, not {article.Id}.", nameof(events));
        }

        var articleDocument = DocumentMapping.ToDocument(article);
        return worker.RunAsync(() => Ingest(articleDocument, events), cancellationToken);
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
    private IngestResult Ingest(ArticleDocument article, IReadOnlyList<StoredEvent> offered)
    {
        if (articles.Exists(StoreSchema.HasCanonicalKey(article.CanonicalKey)) || articles.FindById(article.Id) is not null)
        {
            return new IngestResult(IngestOutcome.DuplicateUrl, []);
        }

        if (articles.Exists(StoreSchema.HasContentHash(article.ContentHash)))
        {
            return new IngestResult(IngestOutcome.DuplicateContent, []);
        }

        if (!database.BeginTrans())
        {
            throw new InvalidOperationException("A LiteDB transaction was left open on the store thread.");
        }

        try
        {
            articles.Insert(article);
            var outcomes = offered.Select(StoreEvent).ToList();
            database.Commit();
            return new IngestResult(IngestOutcome.Added, outcomes);
        }
        catch
        {
            database.Rollback();
            throw;
        }
    }

    // Inside the article's transaction: a later event of the same article sees the rows written for earlier ones.
    private EventIngest StoreEvent(StoredEvent offered)
    {
        var candidates = stories.LookupKeys(offered)
            .Distinct(StringComparer.Ordinal)
            .SelectMany(key => events.Find(StoreSchema.HasStoryKey(key)))
            .DistinctBy(document => document.Id, StringComparer.Ordinal)
            .Select(DocumentMapping.ToRecord);
        var resolution = stories.Resolve(offered, candidates);
        var document = DocumentMapping.ToDocument(resolution.Stored, stories.KeysOf(resolution.Stored));
        if (resolution.Result.Outcome == StoryOutcome.NewEvent)
        {
            events.Insert(document);
        }
        else
        {
            events.Update(document);
        }

        WriteAlerts(resolution);
        return resolution.Result;
    }
}
