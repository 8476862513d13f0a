using JsonSerializer = System.Text.Json.JsonSerializer;
using LiteDB;
using NewsPipeline.Core.Json;
using NewsPipeline.Core.Storage;

namespace NewsPipeline.Storage.LiteDb;

/// <summary>The analysts' side of the store (<see cref="IAnalystStore"/>): kept apart so the ingest path above stays small.</summary>
public sealed partial class LiteDbPipelineStore : IAnalystStore
{
    private const string MentionsCollection = "mentions";
    private const string SavedSearchesCollection = "saved_searches";

    public Task<IReadOnlyList<string>> ListArticleIdsAsync(CancellationToken cancellationToken) =>
        worker.RunAsync<IReadOnlyList<string>>(
            () => articles.Query().Select(BsonExpression.Create("$._id")).ToEnumerable().Select(d => d["_id"].AsString).ToList(),
            cancellationToken);

    public Task<IReadOnlyList<StoredEvent>> GetEventsOfArticleAsync(string articleId, CancellationToken cancellationToken) =>
        worker.RunAsync<IReadOnlyList<StoredEvent>>(
            () => events.Find(BsonExpression.Create("$.articleId = @0", new BsonValue(articleId))).Select(DocumentMapping.ToRecord).ToList(),
            cancellationToken);

    public Task SaveMentionsAsync(ArticleMentions mentions, CancellationToken cancellationToken)
    {
        var document = new MentionsDocument { Id = mentions.ArticleId, Json = JsonSerializer.Serialize(mentions, RecordJson.Options) };
        return worker.RunAsync(() => database.GetCollection<MentionsDocument>(MentionsCollection).Upsert(document), cancellationToken);
    }

    public Task<ArticleMentions?> GetMentionsAsync(string articleId, CancellationToken cancellationToken) =>
        worker.RunAsync(
            () => database.GetCollection<MentionsDocument>(MentionsCollection).FindById(articleId) is { } document
                ? JsonSerializer.Deserialize<ArticleMentions>(document.Json, RecordJson.Options)
                : null,
            cancellationToken);

    public Task BulkLoadAsync(IReadOnlyList<(StoredArticle Article, IReadOnlyList<StoredEvent> Events)> batch, CancellationToken cancellationToken)
    {
        var articleDocuments = batch.Select(item => DocumentMapping.ToDocument(item.Article)).ToList();
        var eventDocuments = batch.SelectMany(item => item.Events).Select(DocumentMapping.ToDocument).ToList();
        return worker.RunAsync(
            () =>
            {
                if (!database.BeginTrans())
                {
                    throw new InvalidOperationException("A LiteDB transaction was left open on the store thread.");
                }

                try
                {
                    articles.InsertBulk(articleDocuments);
                    events.InsertBulk(eventDocuments);
                    database.Commit();
                }
                catch
                {
                    database.Rollback();
                    throw;
                }

                return articleDocuments.Count;
            },
            cancellationToken);
    }

    public Task AddSavedSearchAsync(SavedSearch search, CancellationToken cancellationToken)
    {
        var document = new SavedSearchDocument { Id = search.Id, Name = search.Name, Query = search.Query, CreatedAt = search.CreatedAt };
        return worker.RunAsync(() => database.GetCollection<SavedSearchDocument>(SavedSearchesCollection).Insert(document), cancellationToken);
    }

    public Task<IReadOnlyList<SavedSearch>> ListSavedSearchesAsync(CancellationToken cancellationToken) =>
        worker.RunAsync<IReadOnlyList<SavedSearch>>(
            () => database.GetCollection<SavedSearchDocument>(SavedSearchesCollection).FindAll()
                .Select(ToRecord).OrderBy(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal).ToList(),
            cancellationToken);

    public Task<SavedSearch?> GetSavedSearchAsync(string id, CancellationToken cancellationToken) =>
        worker.RunAsync(
            () => database.GetCollection<SavedSearchDocument>(SavedSearchesCollection).FindById(id) is { } document ? ToRecord(document) : null,
            cancellationToken);

    public Task<bool> DeleteSavedSearchAsync(string id, CancellationToken cancellationToken) =>
        worker.RunAsync(() => database.GetCollection<SavedSearchDocument>(SavedSearchesCollection).Delete(id), cancellationToken);

    private static SavedSearch ToRecord(SavedSearchDocument document) =>
        new(document.Id, document.Name, document.Query, document.CreatedAt);
}
