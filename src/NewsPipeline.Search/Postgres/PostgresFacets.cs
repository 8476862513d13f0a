using NewsPipeline.Core.Search;
using NewsPipeline.Search.Facets;
using Npgsql;

namespace NewsPipeline.Search.Postgres;

/// <summary>
/// Facets counted by the server in one statement: the matching events are read once (a materialised CTE) and
/// grouped per facet, countries through <c>unnest</c> of the array holding origin and destination once each.
/// The long-tailed facets are cut to their top values in SQL; <see cref="FacetCounts"/> orders them as Lucene's.
/// </summary>
internal static class PostgresFacets
{
    public static async Task<EventFacets> CountAsync(NpgsqlDataSource dataSource, EventSearch search, CancellationToken cancellationToken)
    {
        var parameters = new SqlParameters();
        var where = EventFilterSql.Where(search, parameters);
        var top = parameters.Add(FacetCounts.Top, NpgsqlTypes.NpgsqlDbType.Integer);
        var sql = $"""
            WITH matched AS MATERIALIZED (
                SELECT e.metal, e.type, e.status, e.month, e.buyer, e.seller, e.language, e.feed, e.countries, e.origin, e.destination, e.tonnes
                FROM search_events e WHERE {where})
            SELECT 'total', NULL, NULL, count(*), NULL::double precision FROM matched
            UNION ALL {Plain("metal")}
            UNION ALL {Plain("type")}
            UNION ALL {Plain("status")}
            UNION ALL {Plain("month")}
            UNION ALL {Plain("language")}
            UNION ALL {Topmost("buyer", top)}
            UNION ALL {Topmost("seller", top)}
            UNION ALL {Topmost("feed", top)}
            UNION ALL SELECT 'country', c, NULL, count(*), NULL FROM matched, unnest(matched.countries) AS c GROUP BY c
            UNION ALL SELECT 'flow', origin, destination, count(*), sum(coalesce(tonnes, 0)) FROM matched
                WHERE origin IS NOT NULL AND destination IS NOT NULL GROUP BY origin, destination
            UNION ALL SELECT 'metal_month', metal, month, NULL, sum(tonnes) FROM matched
                WHERE tonnes > 0 AND metal IS NOT NULL AND month IS NOT NULL GROUP BY metal, month
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = parameters.Command(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new FacetCounts();
        while (await reader.ReadAsync(cancellationToken))
        {
            var facet = reader.GetString(0);
            var value = reader.IsDBNull(1) ? string.Empty : reader.GetString(1);
            var count = reader.IsDBNull(3) ? 0 : reader.GetInt64(3);
            switch (facet)
            {
                case "total":
                    counts.Total = count;
                    break;
                case "flow":
                    counts.AddFlow(value, reader.GetString(2), count, reader.GetDouble(4));
                    break;
                case "metal_month":
                    counts.AddMetalMonth(value, reader.GetString(2), reader.GetDouble(4));
                    break;
                default:
                    FacetCounts.Add(Counts(counts, facet), value, count);
                    break;
            }
        }

        return counts.ToFacets();
    }

    private static string Plain(string column) =>
        $"SELECT '{column}', {column}, NULL, count(*), NULL FROM matched WHERE {column} IS NOT NULL GROUP BY {column}";

    // Count first, then the value in code-point order: the same cut as FacetCounts makes.
    private static string Topmost(string column, string top) =>
        $"(SELECT '{column}', {column}, NULL, count(*), NULL FROM matched WHERE {column} IS NOT NULL GROUP BY {column} ORDER BY count(*) DESC, {column} COLLATE \"C\" LIMIT {top})";

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
        "country" => counts.Countries,
        _ => throw new InvalidDataException($"unknown facet '{facet}' in the facet query's result"),
    };
}
