using System.Globalization;
using System.Text.Json;
using NewsPipeline.Core.Json;
using NewsPipeline.Core.Search;
using NewsPipeline.Core.Storage;
using NewsPipeline.Search.Documents;
using Npgsql;
using NpgsqlTypes;

namespace NewsPipeline.Search.Postgres;

/// <summary>
/// The statements that put one article and its events into <c>search_articles</c> and <c>search_events</c>:
/// upserts, so that two workers indexing the same article both succeed, and the events the article no longer
/// has are deleted first. Text is analysed by the server with the row's configuration.
/// </summary>
internal static class SearchRowWriter
{
    private static readonly string[] ArticleColumns = ["id", "url", "title", "body", "language", "feed", "published", "text_config", "tsv", "folded"];

    private static readonly string[] EventColumns =
    [
        "id", "article_id", "row_json", "metal", "type", "status", "origin", "destination", "countries", "language", "feed", "buyer", "seller",
        "parties", "party_words", "tonnes", "date_key", "tonnes_desc_key", "tonnes_asc_key", "period_from", "period_to", "published_day", "month",
        "text_config", "tsv", "folded",
    ];

    /// <summary>Appends the statements for one article to <paramref name="batch"/>; with <paramref name="known"/> false it is taken as new.</summary>
    public static void Append(NpgsqlBatch batch, StoredArticle article, IReadOnlyList<StoredEvent> events, bool known)
    {
        batch.BatchCommands.Add(Article(article));
        if (known)
        {
            var delete = new NpgsqlBatchCommand("DELETE FROM search_events WHERE article_id = @article");
            delete.Parameters.Add(new NpgsqlParameter("article", NpgsqlDbType.Text) { Value = article.Id });
            batch.BatchCommands.Add(delete);
        }

        foreach (var stored in events)
        {
            batch.BatchCommands.Add(Event(EventRows.From(stored), article));
        }
    }

    private static NpgsqlBatchCommand Article(StoredArticle article)
    {
        var method = TextSearchLanguages.For(article.Language);
        var p = new SqlParameters();
        var id = p.AddText(Clean(article.Id));
        var url = p.AddText(Clean(article.Url));
        var title = p.AddText(CleanOrNull(article.Title));
        var body = p.AddText(Clean(article.Text));
        var language = p.AddText(Clean(article.Language));
        var feed = p.AddText(Clean(article.FeedName));
        var published = p.Add(article.Published?.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        var config = p.AddText(method.Config);
        var text = p.AddText(Clean(string.Join('\n', article.Title, article.Text)));
        var folded = p.AddText(method.Trigram ? FoldedText.Of(Clean(string.Join('\n', article.Title, article.Text))).Text : null);
        var tsv = method.Trigram ? "''::tsvector" : $"to_tsvector({config}::regconfig, {text})";
        return p.BatchCommand(Upsert("search_articles", ArticleColumns, [id, url, title, body, language, feed, published, $"{config}::regconfig", tsv, folded]));
    }

    private static NpgsqlBatchCommand Event(EventRow row, StoredArticle article)
    {
        var method = TextSearchLanguages.For(row.Language);
        var period = EventPeriod.Of(row.Start, row.Published);
        var parties = new[] { row.Buyer, row.Seller }.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => Clean(n!)).Distinct(StringComparer.Ordinal).ToList();
        var eventText = Clean(string.Join('\n', row.Evidence, row.Summary, row.ArticleTitle));
        var p = new SqlParameters();
        var articleId = p.AddText(Clean(row.ArticleId));
        var config = p.AddText(method.Config);
        var values = new[]
        {
            p.AddText(Clean(row.Id)),
            articleId,
            p.Add(Clean(JsonSerializer.Serialize(row, RecordJson.Options)), NpgsqlDbType.Json),
            p.AddText(CleanOrNull(row.Metal)),
            p.AddText(EventIndexDocument.WireName(row.Type)),
            p.AddText(EventIndexDocument.WireName(row.Status)),
            p.AddText(CleanOrNull(row.Origin)),
            p.AddText(CleanOrNull(row.Destination)),
            p.AddTextArray(new[] { row.Origin, row.Destination }.Where(c => !string.IsNullOrEmpty(c)).Select(c => Clean(c!)).Distinct(StringComparer.Ordinal)),
            p.AddText(Clean(row.Language)),
            p.AddText(Clean(row.Feed)),
            p.AddText(CleanOrNull(row.Buyer)),
            p.AddText(CleanOrNull(row.Seller)),
            p.AddTextArray(parties.Select(TextFold.Fold).Distinct(StringComparer.Ordinal)),
            p.AddText(PartyWords.Of(parties)),
            p.Add(row.Tonnes, NpgsqlDbType.Double),
            p.Add((int)SortKeys.DateKey(row), NpgsqlDbType.Integer),
            p.Add(SortKeys.TonnesDescending(row), NpgsqlDbType.Double),
            p.Add(SortKeys.TonnesAscending(row), NpgsqlDbType.Double),
            p.Add(period?.From, NpgsqlDbType.Date),
            p.Add(period?.To, NpgsqlDbType.Date),
            p.Add(row.Published is { } published ? DateOnly.FromDateTime(published.UtcDateTime) : null, NpgsqlDbType.Date),
            p.AddText(period?.From.ToString("yyyy-MM", CultureInfo.InvariantCulture)),
            $"{config}::regconfig",
            // The event's own words, then its article's tsvector: words anywhere in the source article find the event.
            method.Trigram
                ? "''::tsvector"
                : $"to_tsvector({config}::regconfig, {p.AddText(eventText)}) || coalesce((SELECT a.tsv FROM search_articles a WHERE a.id = {articleId}), ''::tsvector)",
            p.AddText(method.Trigram ? FoldedText.Of(eventText + "\n" + Clean(article.Text)).Text : null),
        };
        return p.BatchCommand(Upsert("search_events", EventColumns, values));
    }

    private static string Upsert(string table, string[] columns, string[] values) =>
        $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", values)}) " +
        $"ON CONFLICT (id) DO UPDATE SET {string.Join(", ", columns.Skip(1).Select(c => $"{c} = EXCLUDED.{c}"))}";

    // PostgreSQL text cannot hold NUL; the rest of the text is kept as it is.
    private static string Clean(string text) => text.Replace('\0', ' ');

    private static string? CleanOrNull(string? text) => string.IsNullOrEmpty(text) ? null : Clean(text);
}
