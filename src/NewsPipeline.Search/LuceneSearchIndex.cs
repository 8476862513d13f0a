using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using NewsPipeline.Core.Search;
using NewsPipeline.Core.Storage;
using NewsPipeline.Search.Analysis;
using NewsPipeline.Search.Documents;
using NewsPipeline.Search.Facets;
using NewsPipeline.Search.Queries;
using NewsPipeline.Search.Snippets;
using Document = Lucene.Net.Documents.Document;
using Field = Lucene.Net.Documents.Field;
using LuceneDirectory = Lucene.Net.Store.Directory;
using StringField = Lucene.Net.Documents.StringField;

namespace NewsPipeline.Search;

/// <summary>
/// The embedded search engine: one Lucene.Net index folder beside the LiteDB file holding a document per event
/// (keyword filters with doc values, sort keys, its text and its article's in the language's field) and one
/// per article (title and text). Writers commit after every article, so what is searchable survives a crash;
/// readers share near-real-time searchers refreshed after each write.
/// </summary>
public sealed class LuceneSearchIndex : IRebuildableSearchIndex
{
    // What the event documents hold; bumped when a field is added that queries rely on (2: source_count).
    private const string FormatKey = "newspipeline.index_format";
    private const string Format = "2";

    private readonly LuceneDirectory directory;
    private readonly LanguageAnalysis analysis;
    private readonly IndexWriter writer;
    private readonly SearcherManager searchers;
    private readonly EventQueryBuilder queries;
    private long version;
    private int disposed;

    private LuceneSearchIndex(LuceneDirectory directory, LanguageAnalysis analysis, IndexWriter writer)
    {
        this.directory = directory;
        this.analysis = analysis;
        this.writer = writer;
        searchers = new SearcherManager(writer, applyAllDeletes: true, searcherFactory: null);
        queries = new EventQueryBuilder(analysis);
    }

    public string IndexDirectory { get; private init; } = string.Empty;

    public long Version => Interlocked.Read(ref version);

    public string Location => IndexDirectory;

    /// <summary>Opens the index folder, creating it when missing. The caller owns the store it mirrors, so no other process writes here.</summary>
    public static LuceneSearchIndex Open(SearchIndexOptions options)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid search index options: " + string.Join(" ", errors));
        }

        System.IO.Directory.CreateDirectory(options.IndexDirectory);
        var directory = FSDirectory.Open(options.IndexDirectory);
        var analysis = new LanguageAnalysis();
        try
        {
            // A writer lock left by a killed process is stale: the store lock already guarantees one owner.
            if (IndexWriter.IsLocked(directory))
            {
                IndexWriter.Unlock(directory);
            }

            var config = new IndexWriterConfig(LanguageAnalysis.Version, analysis.Writer)
            {
                OpenMode = OpenMode.CREATE_OR_APPEND,
                RAMBufferSizeMB = 64,
            };
            var writer = new IndexWriter(directory, config);
            EnsureFormat(writer);
            return new LuceneSearchIndex(directory, analysis, writer) { IndexDirectory = options.IndexDirectory };
        }
        catch
        {
            analysis.Dispose();
            directory.Dispose();
            throw;
        }
    }

    /// <summary>
    /// An index an earlier build wrote lacks fields this one filters on (a min_sources query would miss every old
    /// event), so it is emptied; the start-up check then indexes every stored article again from the store.
    /// </summary>
    private static void EnsureFormat(IndexWriter writer)
    {
        if (writer.CommitData.TryGetValue(FormatKey, out var written) && written == Format)
        {
            return;
        }

        writer.DeleteAll();
        writer.SetCommitData(new Dictionary<string, string>(StringComparer.Ordinal) { [FormatKey] = Format });
        writer.Commit();
    }

    public Task IndexAsync(StoredArticle article, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(article, events);
        Commit();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Adds many articles with one commit at the end (rebuilds and bulk loads). With <paramref name="known"/>
    /// false the articles are taken as new to the index, which skips the per-article deletes of replacement.
    /// </summary>
    public void IndexBatch(IEnumerable<(StoredArticle Article, IReadOnlyList<StoredEvent> Events)> batch, CancellationToken cancellationToken, bool known = true)
    {
        foreach (var (article, events) in batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (known)
            {
                Write(article, events);
            }
            else
            {
                Add(article, events);
            }
        }

        Commit();
    }

    public Task IndexBatchAsync(IReadOnlyList<(StoredArticle Article, IReadOnlyList<StoredEvent> Events)> batch, bool known, CancellationToken cancellationToken)
    {
        IndexBatch(batch, cancellationToken, known);
        return Task.CompletedTask;
    }

    public Task ClearAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Clear();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> MissingArticlesAsync(IReadOnlyList<string> articleIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(articleIds.Where(id => !ContainsArticle(id)).ToList());

    /// <summary>Removes every document (before a rebuild).</summary>
    public void Clear()
    {
        writer.DeleteAll();
        Commit();
    }

    public Task<EventPage> SearchEventsAsync(EventSearch search, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(WithSearcher(searcher => SearchEvents(searcher, search)));
    }

    public Task<EventFacets> FacetsAsync(EventSearch search, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(WithSearcher(searcher =>
        {
            var collector = new FacetCollector();
            searcher.Search(queries.Filters(search), collector);
            return collector.Result();
        }));
    }

    public Task<ArticlePage> SearchArticlesAsync(ArticleSearch search, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(WithSearcher(searcher => SearchArticles(searcher, search)));
    }

    public Task<EventRow?> GetEventAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(WithSearcher(searcher =>
        {
            var hits = searcher.Search(EventQueryBuilder.Term(IndexFields.Key, EventKey(id)), 1);
            return hits.ScoreDocs.Length == 0 ? null : EventIndexDocument.ReadRow(searcher.Doc(hits.ScoreDocs[0].Doc));
        }));

    public Task<IReadOnlyList<EventRow>> EventsOfArticleAsync(string articleId, CancellationToken cancellationToken) =>
        Task.FromResult(WithSearcher<IReadOnlyList<EventRow>>(searcher =>
        {
            var query = new BooleanQuery
            {
                { EventQueryBuilder.Term(IndexFields.Kind, IndexFields.EventKind), Occur.MUST },
                { EventQueryBuilder.Term(IndexFields.ArticleId, articleId), Occur.MUST },
            };
            var hits = searcher.Search(query, 1000, EventQueryBuilder.SortOf(EventSort.DateDesc));
            return hits.ScoreDocs.Select(hit => EventIndexDocument.ReadRow(searcher.Doc(hit.Doc))).ToList();
        }));

    public Task<SearchIndexCounts> CountAsync(CancellationToken cancellationToken) =>
        Task.FromResult(WithSearcher(searcher => new SearchIndexCounts(
            Count(searcher, IndexFields.ArticleKind), Count(searcher, IndexFields.EventKind))));

    /// <summary>True when the article is in the index.</summary>
    public bool ContainsArticle(string articleId) =>
        WithSearcher(searcher => searcher.Search(EventQueryBuilder.Term(IndexFields.Key, ArticleKey(articleId)), 1).TotalHits > 0);

    /// <summary>Bytes on disk.</summary>
    public long SizeInBytes() =>
        new DirectoryInfo(IndexDirectory).EnumerateFiles().Sum(f => f.Length);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        searchers.Dispose();
        writer.Dispose();
        analysis.Dispose();
        directory.Dispose();
    }

    private static string EventKey(string id) => IndexFields.EventKind + ":" + id;

    private static string ArticleKey(string id) => IndexFields.ArticleKind + ":" + id;

    private void Write(StoredArticle article, IReadOnlyList<StoredEvent> events)
    {
        // Replacing an article replaces its events: delete those it had, then add what it has now.
        writer.DeleteDocuments(new BooleanQuery
        {
            { EventQueryBuilder.Term(IndexFields.Kind, IndexFields.EventKind), Occur.MUST },
            { EventQueryBuilder.Term(IndexFields.ArticleId, article.Id), Occur.MUST },
        });
        writer.UpdateDocument(new Term(IndexFields.Key, ArticleKey(article.Id)), WithKey(ArticleIndexDocument.Create(article), ArticleKey(article.Id)));
        foreach (var stored in events)
        {
            var key = EventKey(stored.Id);
            writer.UpdateDocument(new Term(IndexFields.Key, key), WithKey(EventIndexDocument.Create(EventRows.From(stored), article.Text), key));
        }
    }

    private void Add(StoredArticle article, IReadOnlyList<StoredEvent> events)
    {
        writer.AddDocument(WithKey(ArticleIndexDocument.Create(article), ArticleKey(article.Id)));
        foreach (var stored in events)
        {
            writer.AddDocument(WithKey(EventIndexDocument.Create(EventRows.From(stored), article.Text), EventKey(stored.Id)));
        }
    }

    private static Document WithKey(Document doc, string key)
    {
        doc.Add(new StringField(IndexFields.Key, key, Field.Store.NO));
        return doc;
    }

    private void Commit()
    {
        writer.Commit();
        searchers.MaybeRefreshBlocking();
        Interlocked.Increment(ref version);
    }

    private T WithSearcher<T>(Func<IndexSearcher, T> work)
    {
        var searcher = searchers.Acquire();
        try
        {
            return work(searcher);
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    private static long Count(IndexSearcher searcher, string kind)
    {
        var counter = new TotalHitCountCollector();
        searcher.Search(EventQueryBuilder.Term(IndexFields.Kind, kind), counter);
        return counter.TotalHits;
    }

    private EventPage SearchEvents(IndexSearcher searcher, EventSearch search)
    {
        var filters = queries.Filters(search);
        var sort = EventQueryBuilder.SortOf(search.Sort);
        List<ScoreDoc> hits;
        long total;
        if (search.Sort == EventSort.Relevance)
        {
            // Scores are not stable keys, so relevance pages resume by position.
            var skip = (int)(search.Cursor?.Value ?? 0);
            var top = searcher.Search(filters, null, skip + search.Limit + 1, sort, doDocScores: true, doMaxScore: false);
            total = top.TotalHits;
            hits = top.ScoreDocs.Skip(skip).ToList();
        }
        else if (search.Cursor is { } cursor)
        {
            var counter = new TotalHitCountCollector();
            searcher.Search(filters, counter);
            total = counter.TotalHits;
            // The cursor's event, looked up in this searcher, gives Lucene's own search-after anchor (typed sort
            // values, cost proportional to the hits); if that event has since been replaced, a range condition on
            // the cursor's (key, id) does the same work more slowly.
            var anchor = searcher.Search(EventQueryBuilder.Term(IndexFields.Key, EventKey(cursor.Id)), 1, sort).ScoreDocs.FirstOrDefault() as FieldDoc;
            hits = anchor is not null
                ? searcher.SearchAfter(anchor, filters, search.Limit + 1, sort).ScoreDocs.ToList()
                : searcher.Search(EventQueryBuilder.After(filters, search.Sort, cursor), search.Limit + 1, sort).ScoreDocs.ToList();
        }
        else
        {
            var top = searcher.Search(filters, search.Limit + 1, sort);
            total = top.TotalHits;
            hits = top.ScoreDocs.ToList();
        }

        var more = hits.Count > search.Limit;
        var rows = hits.Take(search.Limit).Select(hit => EventIndexDocument.ReadRow(searcher.Doc(hit.Doc))).ToList();
        var items = rows.Select(row => new EventHit(row, search.Text is { } text ? EventSnippet(searcher, row, text) : null)).ToList();
        string? next = null;
        if (more && rows.Count > 0)
        {
            var last = rows[^1];
            var sortName = EventSearchParser.SortName(search.Sort);
            next = search.Sort == EventSort.Relevance
                ? new SearchCursor(sortName, (search.Cursor?.Value ?? 0) + rows.Count, last.Id).Encode()
                : new SearchCursor(sortName, SortKeys.Of(search.Sort, last), last.Id).Encode();
        }

        return new EventPage(items, total, next);
    }

    // The evidence when the words are in it, else the article title, else the article text where they matched.
    private IReadOnlyList<SnippetSegment> EventSnippet(IndexSearcher searcher, EventRow row, string text)
    {
        var field = LanguageAnalysis.FieldFor(row.Language);
        var analyzer = analysis.AnalyzerFor(field);
        var textAnalyzer = analysis.IndexingAnalyzerFor(field);
        var evidence = SnippetBuilder.Build(row.Evidence, text, analyzer, textAnalyzer, field);
        if (SnippetWindow.HasMark(evidence))
        {
            return evidence;
        }

        var title = SnippetBuilder.Build(row.ArticleTitle ?? string.Empty, text, analyzer, textAnalyzer, field);
        if (SnippetWindow.HasMark(title))
        {
            return title;
        }

        var article = searcher.Search(EventQueryBuilder.Term(IndexFields.Key, ArticleKey(row.ArticleId)), 1).ScoreDocs;
        if (article.Length == 0)
        {
            return evidence;
        }

        var body = SnippetBuilder.Build(ArticleIndexDocument.Read(searcher.Doc(article[0].Doc)).Body, text, analyzer, textAnalyzer, field);
        return SnippetWindow.HasMark(body) ? body : evidence;
    }

    private ArticlePage SearchArticles(IndexSearcher searcher, ArticleSearch search)
    {
        var query = new BooleanQuery
        {
            { EventQueryBuilder.Term(IndexFields.Kind, IndexFields.ArticleKind), Occur.MUST },
            { queries.FullText(search.Text), Occur.MUST },
        };
        if (search.Languages.Count > 0)
        {
            var languages = new BooleanQuery();
            foreach (var language in search.Languages)
            {
                languages.Add(EventQueryBuilder.Term(IndexFields.Language, language), Occur.SHOULD);
            }

            query.Add(languages, Occur.MUST);
        }

        var skip = (int)(search.Cursor?.Value ?? 0);
        var top = searcher.Search(query, null, skip + search.Limit + 1, EventQueryBuilder.SortOf(EventSort.Relevance), doDocScores: true, doMaxScore: false);
        var hits = top.ScoreDocs.Skip(skip).ToList();
        var items = hits.Take(search.Limit).Select(hit =>
        {
            var article = ArticleIndexDocument.Read(searcher.Doc(hit.Doc));
            var field = LanguageAnalysis.FieldFor(article.Language);
            var snippet = SnippetBuilder.Build(article.Body, search.Text, analysis.AnalyzerFor(field), analysis.IndexingAnalyzerFor(field), field);
            return new ArticleHit(article.Id, article.Title, article.Url, article.Language, article.Published, article.Feed, snippet);
        }).ToList();
        var next = hits.Count > search.Limit
            ? new SearchCursor(EventSearchParser.SortName(EventSort.Relevance), skip + items.Count, items[^1].Id).Encode()
            : null;
        return new ArticlePage(items, top.TotalHits, next);
    }
}
