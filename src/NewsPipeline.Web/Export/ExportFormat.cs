using System.Globalization;
using System.Runtime.CompilerServices;
using NewsPipeline.Core.Search;

namespace NewsPipeline.Web.Export;

/// <summary>The export formats of `export` and <c>/api/export</c>.</summary>
public enum ExportFormat
{
    Csv,
    Jsonl,
    Xlsx,
}

/// <summary>Every event matching a query, page by page through the index, and the columns exports write.</summary>
public static class EventExport
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "id", "type", "metal", "buyer", "seller", "tonnes", "per", "start", "origin", "destination", "status", "summary", "evidence",
        "article_id", "article_url", "article_title", "language", "feed", "published", "stored_at", "source_count",
    ];

    public static string ContentType(ExportFormat format) => format switch
    {
        ExportFormat.Csv => "text/csv; charset=utf-8",
        ExportFormat.Jsonl => "application/x-ndjson; charset=utf-8",
        _ => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };

    public static string Extension(ExportFormat format) => format.ToString().ToLowerInvariant();

    /// <summary>All matching rows, fetched <see cref="EventSearch.MaxLimit"/> at a time with cursors (memory stays flat).</summary>
    public static async IAsyncEnumerable<EventRow> AllAsync(IEventSearchIndex index, EventSearch search, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var page = search with { Limit = EventSearch.MaxLimit, Cursor = null };
        while (true)
        {
            var result = await index.SearchEventsAsync(page, cancellationToken);
            foreach (var hit in result.Items)
            {
                yield return hit.Event;
            }

            if (result.NextCursor is null)
            {
                yield break;
            }

            page = page with { Cursor = SearchCursor.TryDecode(result.NextCursor) };
        }
    }

    /// <summary>The row's cells as text, in <see cref="Columns"/> order (numbers and instants invariant).</summary>
    public static string?[] Cells(EventRow row) =>
    [
        row.Id, Wire(row.Type), row.Metal, row.Buyer, row.Seller, row.Tonnes?.ToString("R", CultureInfo.InvariantCulture),
        row.Per is { } per ? Wire(per) : null, row.Start, row.Origin, row.Destination, Wire(row.Status), row.Summary, row.Evidence,
        row.ArticleId, row.ArticleUrl, row.ArticleTitle, row.Language, row.Feed,
        row.Published?.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        row.StoredAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        row.SourceCount.ToString(CultureInfo.InvariantCulture),
    ];

    /// <summary>
    /// A cell a spreadsheet would take for a formula (=, +, -, @, or a tab or carriage return that some
    /// applications skip first) gets a leading apostrophe unless it is a plain number, so that article text can never run as a formula.
    /// </summary>
    public static string NeutraliseFormula(string cell) =>
        cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
        && !double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? "'" + cell
            : cell;

    private static string Wire<T>(T value)
        where T : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
