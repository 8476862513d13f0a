using NewsPipeline.Core.Search;
using NewsPipeline.Search.Facets;
using Npgsql;
using NpgsqlTypes;

namespace NewsPipeline.Search.Postgres;

/// <summary>
/// Facets counted by the server in two statements of one round trip: every single-valued facet, the flows and
/// the tonnes by metal and month in one pass over the matching events (<c>GROUPING SETS</c>), and countries
/// through <c>unnest</c> of the array holding origin and destination once each. The long-tailed facets are cut
/// to their top values in SQL; <see cref="FacetCounts"/> orders everything as it does for Lucene.
/// </summary>
internal static class PostgresFacets
{
    // The grouped columns, in the order GROUPING() reports them (first column = highest bit).
    private static readonly string[] Columns = ["metal", "type", "status", "month", "language", "buyer", "seller", "feed", "origin", "destination"];

    private static readonly string[][] Sets =
        [[], ["metal"], ["type"], ["status"], ["month"], ["language"], ["buyer"], ["seller"], ["feed"], ["origin", "destination"], ["metal", "month"]];

    private static readonly string[][] LongTailed = [["buyer"], ["seller"], ["feed"]];

    public static async Task<EventFacets> CountAsync(NpgsqlDataSource dataSource, EventSearch search, CancellationToken cancellationToken)
    {
        var parameters = new SqlParameters();
        var text = search.Text is { } words ? await FullTextQuery.PrepareAsync(dataSource, words, cancellationToken) : null;
        var where = EventFilterSql.Where(search, text, parameters);
        var top = parameters.Add(FacetCounts.Top, NpgsqlDbType.Integer);
        var limited = parameters.Add(LongTailed.Select(Mask).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
        var columns = string.Join(", ", Columns);
        var grouping = $"GROUPING({columns})";
        // Missing values sort last so that they never take one of the top places.
        var value = "coalesce(buyer, seller, feed)";
        var sets = string.Join(", ", Sets.Select(s => "(" + string.Join(", ", s) + ")"));

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(parameters.BatchCommand($"""
            SELECT * FROM (
                SELECT {grouping} AS g, {columns}, count(*) AS n,
                       sum(coalesce(tonnes, 0)) AS all_tonnes, sum(tonnes) FILTER (WHERE tonnes > 0) AS stated_tonnes,
                       row_number() OVER (PARTITION BY {grouping} ORDER BY {value} IS NULL, count(*) DESC, {value} COLLATE "C") AS place
                FROM search_events e WHERE {where}
                GROUP BY GROUPING SETS ({sets})) s
            WHERE s.g <> ALL({limited}) OR s.place <= {top}
            """));
        batch.BatchCommands.Add(parameters.BatchCommand(
            $"SELECT c, count(*) FROM search_events e, unnest(e.countries) AS c WHERE {where} GROUP BY c"));
        var counts = new FacetCounts();
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var byMask = Sets.ToDictionary(Mask, s => string.Join(',', s));
        while (await reader.ReadAsync(cancellationToken))
        {
            Add(counts, byMask[reader.GetInt32(0)], reader);
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            FacetCounts.Add(counts.Countries, reader.GetString(0), reader.GetInt64(1));
        }

        return counts.ToFacets();
    }

    // One row of the grouping sets; a group whose value is missing counts nowhere, as in Lucene.
    private static void Add(FacetCounts counts, string set, NpgsqlDataReader reader)
    {
        string? Column(string name) => reader.IsDBNull(1 + Array.IndexOf(Columns, name)) ? null : reader.GetString(1 + Array.IndexOf(Columns, name));
        var count = reader.GetInt64(Columns.Length + 1);
        switch (set)
        {
            case "":
                counts.Total = count;
                break;
            case "origin,destination":
                if (Column("origin") is { } origin && Column("destination") is { } destination)
                {
                    counts.AddFlow(origin, destination, count, reader.GetDouble(Columns.Length + 2));
                }

                break;
            case "metal,month":
                if (Column("metal") is { } metal && Column("month") is { } month && !reader.IsDBNull(Columns.Length + 3))
                {
                    counts.AddMetalMonth(metal, month, reader.GetDouble(Columns.Length + 3));
                }

                break;
            default:
                if (Column(set) is { } value)
                {
                    FacetCounts.Add(Counts(counts, set), value, count);
                }

                break;
        }
    }

    // GROUPING() sets a column's bit when the row is NOT grouped by it.
    private static int Mask(string[] set) =>
        Columns.Select((column, i) => set.Contains(column, StringComparer.Ordinal) ? 0 : 1 << (Columns.Length - 1 - i)).Sum();

    private static Dictionary<string, long> Counts(FacetCounts counts, string facet) => facet switch
    {
        "metal" => counts.Metals,
        "type" => counts.Types,
        "status" => counts.Statuses,
        "month" => counts.Months,
        "language" => counts.Languages,
        "buyer" => counts.Buyers,
        "seller" => counts.Sellers,
        "feed" => counts.Feeds,
        _ => throw new InvalidDataException($"unknown facet '{facet}' in the facet query's result"),
    };
}
