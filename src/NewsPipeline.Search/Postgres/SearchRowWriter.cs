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
/// Writes articles and their events into <c>search_articles</c> and <c>search_events</c>, one article or thousands
/// alike: the rows are copied (binary COPY) into temporary tables of the transaction, then upserted in two set-based
/// statements in which the server analyses the text with each row's configuration. Upserts, so that two workers
/// indexing the same article both succeed; an article's events it no longer has are deleted first.
/// </summary>
internal static class SearchRowWriter
{
    private const string Staging = """
        CREATE TEMP TABLE IF NOT EXISTS search_articles_in (
            id text, url text, title text, body text, language text, feed text, published timestamptz,
            text_config text, words text, folded text, trigram boolean) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS search_events_in (
            id text, article_id text, row_json text, metal text, type text, status text,
            origin text, destination text, countries text[], language text, feed text, buyer text, seller text,
            parties text[], party_words text, tonnes double precision, date_key integer, tonnes_desc_key double precision,
            tonnes_asc_key double precision, period_from date, period_to date, published_day date, month text,
            text_config text, words text, folded text, trigram boolean, source_count integer) ON COMMIT DELETE ROWS
        """;

    private static readonly string[] ArticleColumns = ["id", "url", "title", "body", "language", "feed", "published", "text_config", "tsv", "folded", "trigram"];

    private static readonly string[] EventColumns =
    [
        "id", "article_id", "row_json", "metal", "type", "status", "origin", "destination", "countries", "language", "feed", "buyer", "seller",
        "parties", "party_words", "tonnes", "date_key", "tonnes_desc_key", "tonnes_asc_key", "period_from", "period_to", "published_day", "month",
        "text_config", "tsv", "folded", "trigram", "source_count",
    ];

    // Empty tsvectors for trigram rows (words is null there): they are found through their folded text.
    private static readonly string UpsertArticles = $"""
        INSERT INTO search_articles ({string.Join(", ", ArticleColumns)})
        SELECT id, url, title, body, language, feed, published, text_config::regconfig,
               CASE WHEN words IS NULL THEN ''::tsvector ELSE to_tsvector(text_config::regconfig, words) END, folded, trigram
        FROM search_articles_in
        ON CONFLICT (id) DO UPDATE SET {Excluded(ArticleColumns)}
        """;

    // The event's own words only: a query finds an event by its article's words through the article's row
    // (FullTextSql.EventMatches), so the article text is stored and indexed once, not once per event.
    private static readonly string UpsertEvents = $"""
        INSERT INTO search_events ({string.Join(", ", EventColumns)})
        SELECT i.id, i.article_id, i.row_json::json, i.metal, i.type, i.status, i.origin, i.destination, i.countries, i.language, i.feed,
               i.buyer, i.seller, i.parties, i.party_words, i.tonnes, i.date_key, i.tonnes_desc_key, i.tonnes_asc_key, i.period_from,
               i.period_to, i.published_day, i.month, i.text_config::regconfig,
               CASE WHEN i.words IS NULL THEN ''::tsvector ELSE to_tsvector(i.text_config::regconfig, i.words) END,
               i.folded, i.trigram, i.source_count
        FROM search_events_in i
        ON CONFLICT (id) DO UPDATE SET {Excluded(EventColumns)}
        """;

    private const string DeleteReplacedEvents = "DELETE FROM search_events e USING search_articles_in i WHERE e.article_id = i.id";

    /// <summary>Writes the articles in <paramref name="transaction"/>; with <paramref name="known"/> false they are taken as new.</summary>
    public static async Task WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<(StoredArticle Article, IReadOnlyList<StoredEvent> Events)> articles,
        bool known, CancellationToken cancellationToken)
    {
        // One row per id (the last given wins, as replacing a document does): an upsert may touch a row only once.
        var latest = articles.GroupBy(a => a.Article.Id, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        var events = latest.SelectMany(a => a.Events.Select(EventRows.From))
            .GroupBy(row => row.Id, StringComparer.Ordinal).Select(g => g.Last()).ToList();

        await ExecuteAsync(connection, transaction, Staging, cancellationToken);
        await CopyArticlesAsync(connection, latest.Select(a => a.Article), cancellationToken);
        await CopyEventsAsync(connection, events, cancellationToken);
        // Temporary tables have no statistics until analysed: without them the planner expects thousands of rows
        // and scans the whole index tables to join one article.
        await ExecuteAsync(connection, transaction, "ANALYZE search_articles_in, search_events_in", cancellationToken);
        await ExecuteAsync(connection, transaction, UpsertArticles, cancellationToken);
        if (known)
        {
            await ExecuteAsync(connection, transaction, DeleteReplacedEvents, cancellationToken);
        }

        await ExecuteAsync(connection, transaction, UpsertEvents, cancellationToken);
    }

    private static async Task CopyArticlesAsync(NpgsqlConnection connection, IEnumerable<StoredArticle> articles, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY search_articles_in (id, url, title, body, language, feed, published, text_config, words, folded, trigram) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var article in articles)
        {
            var method = TextSearchLanguages.For(article.Language);
            var text = Clean(string.Join('\n', article.Title, article.Text));
            await copy.StartRowAsync(cancellationToken);
            await TextAsync(copy, Clean(article.Id), cancellationToken);
            await TextAsync(copy, Clean(article.Url), cancellationToken);
            await TextAsync(copy, CleanOrNull(article.Title), cancellationToken);
            await TextAsync(copy, Clean(article.Text), cancellationToken);
            await TextAsync(copy, Clean(article.Language), cancellationToken);
            await TextAsync(copy, Clean(article.FeedName), cancellationToken);
            await ValueAsync(copy, article.Published?.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await TextAsync(copy, method.Config, cancellationToken);
            await TextAsync(copy, method.Trigram ? null : text, cancellationToken);
            await TextAsync(copy, method.Trigram || TextSearchLanguages.NeedsTrigram(text) ? FoldedText.Of(text).Text : null, cancellationToken);
            await ValueAsync<bool>(copy, method.Trigram, NpgsqlDbType.Boolean, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static async Task CopyEventsAsync(NpgsqlConnection connection, IEnumerable<EventRow> events, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY search_events_in (id, article_id, row_json, metal, type, status, origin, destination, countries, language, feed, " +
            "buyer, seller, parties, party_words, tonnes, date_key, tonnes_desc_key, tonnes_asc_key, period_from, period_to, published_day, month, " +
            "text_config, words, folded, trigram, source_count) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in events)
        {
            var method = TextSearchLanguages.For(row.Language);
            var period = EventPeriod.Of(row.Start, row.Published);
            var parties = new[] { row.Buyer, row.Seller }.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => Clean(n!)).Distinct(StringComparer.Ordinal).ToList();
            var words = Clean(string.Join('\n', row.Evidence, row.Summary, row.ArticleTitle));
            await copy.StartRowAsync(cancellationToken);
            await TextAsync(copy, Clean(row.Id), cancellationToken);
            await TextAsync(copy, Clean(row.ArticleId), cancellationToken);
            await TextAsync(copy, Clean(JsonSerializer.Serialize(row, RecordJson.Options)), cancellationToken);
            await TextAsync(copy, CleanOrNull(row.Metal), cancellationToken);
            await TextAsync(copy, EventIndexDocument.WireName(row.Type), cancellationToken);
            await TextAsync(copy, EventIndexDocument.WireName(row.Status), cancellationToken);
            await TextAsync(copy, CleanOrNull(row.Origin), cancellationToken);
            await TextAsync(copy, CleanOrNull(row.Destination), cancellationToken);
            await TextsAsync(copy, new[] { row.Origin, row.Destination }.Where(c => !string.IsNullOrEmpty(c)).Select(c => Clean(c!)).Distinct(StringComparer.Ordinal).ToArray(), cancellationToken);
            await TextAsync(copy, Clean(row.Language), cancellationToken);
            await TextAsync(copy, Clean(row.Feed), cancellationToken);
            await TextAsync(copy, CleanOrNull(row.Buyer), cancellationToken);
            await TextAsync(copy, CleanOrNull(row.Seller), cancellationToken);
            await TextsAsync(copy, parties.Select(TextFold.Fold).Distinct(StringComparer.Ordinal).ToArray(), cancellationToken);
            await TextAsync(copy, PartyWords.Of(parties), cancellationToken);
            await ValueAsync(copy, row.Tonnes, NpgsqlDbType.Double, cancellationToken);
            await ValueAsync<int>(copy, (int)SortKeys.DateKey(row), NpgsqlDbType.Integer, cancellationToken);
            await ValueAsync<double>(copy, SortKeys.TonnesDescending(row), NpgsqlDbType.Double, cancellationToken);
            await ValueAsync<double>(copy, SortKeys.TonnesAscending(row), NpgsqlDbType.Double, cancellationToken);
            await ValueAsync(copy, period?.From, NpgsqlDbType.Date, cancellationToken);
            await ValueAsync(copy, period?.To, NpgsqlDbType.Date, cancellationToken);
            await ValueAsync(copy, row.Published is { } published ? DateOnly.FromDateTime(published.UtcDateTime) : (DateOnly?)null, NpgsqlDbType.Date, cancellationToken);
            await TextAsync(copy, period?.From.ToString("yyyy-MM", CultureInfo.InvariantCulture), cancellationToken);
            await TextAsync(copy, method.Config, cancellationToken);
            await TextAsync(copy, method.Trigram ? null : words, cancellationToken);
            await TextAsync(copy, method.Trigram || TextSearchLanguages.NeedsTrigram(words) ? FoldedText.Of(words).Text : null, cancellationToken);
            await ValueAsync<bool>(copy, method.Trigram, NpgsqlDbType.Boolean, cancellationToken);
            await ValueAsync<int>(copy, row.SourceCount, NpgsqlDbType.Integer, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static Task TextAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    private static Task TextsAsync(NpgsqlBinaryImporter copy, string[] values, CancellationToken cancellationToken) =>
        copy.WriteAsync(values, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);

    private static Task ValueAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct =>
        value is { } present ? copy.WriteAsync(present, type, cancellationToken) : copy.WriteNullAsync(cancellationToken);

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Excluded(IEnumerable<string> columns) => string.Join(", ", columns.Skip(1).Select(c => $"{c} = EXCLUDED.{c}"));

    // PostgreSQL text cannot hold NUL; the rest of the text is kept as it is.
    private static string Clean(string text) => text.Replace('\0', ' ');

    private static string? CleanOrNull(string? text) => string.IsNullOrEmpty(text) ? null : Clean(text);
}
