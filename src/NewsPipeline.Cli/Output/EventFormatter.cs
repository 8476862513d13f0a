using System.Globalization;
using System.Text.Json;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Json;
using NewsPipeline.Core.Storage;

namespace NewsPipeline.Cli.Output;

/// <summary>The output formats of `query` and `demo`.</summary>
public enum EventFormat
{
    Table,
    Json,
    Csv,
}

/// <summary>
/// Writes stored events as an aligned table, JSON or CSV (RFC 4180). Each row is one deal: the table and CSV give
/// how many articles reported it (the table also their languages), JSON gives every source and the status history.
/// </summary>
public static class EventFormatter
{
    private static readonly string[] Columns = ["type", "metal", "buyer", "seller", "tonnes", "per", "start", "origin → destination", "status", "lang", "feed", "sources"];

    public static async Task WriteAsync(TextWriter writer, IReadOnlyList<StoredEvent> events, EventFormat format)
    {
        switch (format)
        {
            case EventFormat.Json:
                await writer.WriteLineAsync(JsonSerializer.Serialize(events, RecordJson.Indented));
                break;
            case EventFormat.Csv:
                await WriteCsvAsync(writer, events);
                break;
            default:
                await WriteTableAsync(writer, events);
                break;
        }
    }

    private static string[] Cells(StoredEvent stored)
    {
        var e = stored.Event;
        return
        [
            Snake(e.Type), e.Metal ?? "", e.Buyer ?? "", e.Seller ?? "",
            e.Tonnes?.ToString("#,0.###", CultureInfo.InvariantCulture) ?? "",
            e.Per is null ? "" : Snake(e.Per.Value), e.Start ?? "",
            e.Origin is null && e.Destination is null ? "" : $"{e.Origin ?? "?"} → {e.Destination ?? "?"}",
            Snake(e.Status), Languages(stored), stored.FeedName, stored.SourceCount.ToString(CultureInfo.InvariantCulture),
        ];
    }

    private static async Task WriteTableAsync(TextWriter writer, IReadOnlyList<StoredEvent> events)
    {
        await TextTable.WriteAsync(writer, Columns, events.Select(Cells).ToList());
        await writer.WriteLineAsync($"({events.Count} event{(events.Count == 1 ? "" : "s")})");
    }

    private static async Task WriteCsvAsync(TextWriter writer, IReadOnlyList<StoredEvent> events)
    {
        string[] header = ["id", "type", "metal", "buyer", "seller", "tonnes", "per", "start", "origin", "destination", "status", "language", "feed", "article_url", "published", "evidence", "sources"];
        await writer.WriteLineAsync(string.Join(',', header));
        foreach (var stored in events)
        {
            var e = stored.Event;
            string?[] cells =
            [
                stored.Id, Snake(e.Type), e.Metal, e.Buyer, e.Seller, e.Tonnes?.ToString("R", CultureInfo.InvariantCulture),
                e.Per is null ? null : Snake(e.Per.Value), e.Start, e.Origin, e.Destination, Snake(e.Status), stored.Language,
                stored.FeedName, stored.ArticleUrl, stored.ArticlePublished?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.Evidence,
                stored.SourceCount.ToString(CultureInfo.InvariantCulture),
            ];
            await writer.WriteLineAsync(string.Join(',', cells.Select(Csv)));
        }
    }

    // The languages the deal was reported in, first report first: "fr,en,ja".
    private static string Languages(StoredEvent stored) =>
        stored.Sources is { Count: > 1 } sources
            ? string.Join(',', sources.Select(source => source.Language).Distinct(StringComparer.Ordinal))
            : stored.Language;

    private static string Csv(string? cell)
    {
        if (string.IsNullOrEmpty(cell))
        {
            return "";
        }

        // A leading = + - @ would be run as a formula by spreadsheets: article text is untrusted.
        var safe = cell[0] is '=' or '+' or '-' or '@' && !double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? "'" + cell : cell;
        return safe.AsSpan().IndexOfAny("\",\r\n") >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    private static string Snake<T>(T value)
        where T : struct, Enum =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
