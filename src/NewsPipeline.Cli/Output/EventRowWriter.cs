using System.Globalization;
using System.Text.Json;
using NewsPipeline.Core.Json;
using NewsPipeline.Core.Search;
using NewsPipeline.Web.Export;

namespace NewsPipeline.Cli.Output;

/// <summary>Writes a page of search results as an aligned table, JSON (the API's rows) or CSV (the export's columns).</summary>
internal static class EventRowWriter
{
    private static readonly string[] Columns = ["date", "type", "metal", "buyer", "seller", "tonnes", "origin → destination", "status", "lang", "feed", "sources"];

    public static async Task WriteAsync(Stream output, TextWriter text, EventPage page, EventFormat format, CancellationToken cancellationToken)
    {
        var rows = page.Items.Select(h => h.Event).ToList();
        switch (format)
        {
            case EventFormat.Json:
                await text.WriteLineAsync(JsonSerializer.Serialize(rows, RecordJson.Indented));
                await text.FlushAsync(cancellationToken);
                break;
            case EventFormat.Csv:
                await text.FlushAsync(cancellationToken);
                await EventExportWriter.WriteCsvAsync(rows.ToAsyncEnumerable(), output, cancellationToken);
                break;
            default:
                await TextTable.WriteAsync(text, Columns, rows.Select(Cells).ToList());
                await text.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"({rows.Count} of {page.Total} events)"));
                await text.FlushAsync(cancellationToken);
                break;
        }
    }

    private static string[] Cells(EventRow row) =>
    [
        EventPeriod.Of(row.Start, row.Published) is { } period ? row.Start ?? period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "",
        Snake(row.Type), row.Metal ?? "", row.Buyer ?? "", row.Seller ?? "",
        row.Tonnes?.ToString("#,0.###", CultureInfo.InvariantCulture) ?? "",
        row.Origin is null && row.Destination is null ? "" : $"{row.Origin ?? "?"} → {row.Destination ?? "?"}",
        Snake(row.Status), row.Language, row.Feed, row.SourceCount.ToString(CultureInfo.InvariantCulture),
    ];

    private static string Snake<T>(T value)
        where T : struct, Enum =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
