using System.Globalization;
using Lucene.Net.Documents;
using NewsPipeline.Core.Storage;
using NewsPipeline.Search.Analysis;

namespace NewsPipeline.Search.Documents;

/// <summary>An article as a Lucene document: title and text in its language's field, the text stored for snippets.</summary>
internal static class ArticleIndexDocument
{
    private const string InstantFormat = "O";

    public static Document Create(StoredArticle article)
    {
        var doc = new Document
        {
            new StringField(IndexFields.Kind, IndexFields.ArticleKind, Field.Store.NO),
            new StringField(IndexFields.Id, article.Id, Field.Store.YES),
            new StoredField(IndexFields.Url, article.Url),
            new StoredField(IndexFields.Body, article.Text),
            new TextField(LanguageAnalysis.FieldFor(article.Language), string.Join('\n', article.Title, article.Text), Field.Store.NO),
        };
        EventIndexDocument.Keyword(doc, IndexFields.Language, article.Language);
        EventIndexDocument.Keyword(doc, IndexFields.Feed, article.FeedName);
        doc.Add(new StoredField(IndexFields.Language + "_stored", article.Language));
        doc.Add(new StoredField(IndexFields.Feed + "_stored", article.FeedName));
        if (article.Title is not null)
        {
            doc.Add(new StoredField(IndexFields.Title, article.Title));
        }

        if (article.Published is { } published)
        {
            doc.Add(new StoredField(IndexFields.Published, published.ToUniversalTime().ToString(InstantFormat, CultureInfo.InvariantCulture)));
        }

        return doc;
    }

    /// <summary>The stored fields an article hit shows.</summary>
    public static (string Id, string? Title, string Url, string Language, DateTimeOffset? Published, string Feed, string Body) Read(Document doc)
    {
        var published = doc.Get(IndexFields.Published, CultureInfo.InvariantCulture);
        return (
            doc.Get(IndexFields.Id, CultureInfo.InvariantCulture),
            doc.Get(IndexFields.Title, CultureInfo.InvariantCulture),
            doc.Get(IndexFields.Url, CultureInfo.InvariantCulture),
            doc.Get(IndexFields.Language + "_stored", CultureInfo.InvariantCulture),
            published is null ? null : DateTimeOffset.ParseExact(published, InstantFormat, CultureInfo.InvariantCulture, DateTimeStyles.None),
            doc.Get(IndexFields.Feed + "_stored", CultureInfo.InvariantCulture),
            doc.Get(IndexFields.Body, CultureInfo.InvariantCulture));
    }
}
