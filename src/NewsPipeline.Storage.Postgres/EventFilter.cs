using NewsPipeline.Core.Storage;
using Npgsql;

namespace NewsPipeline.Storage.Postgres;

/// <summary>
/// DESIGN §4 <c>query</c> filters as one parameterised SELECT over <c>events</c>, newest first. Matches what the
/// LiteDB store's filter keeps: substring company and text filters on the keys folded by <see cref="StoreKeys"/>,
/// partial start dates as the periods they name, an undated event never passing "until".
/// </summary>
internal sealed class EventFilter
{
    private readonly List<string> conditions = [];
    private readonly List<NpgsqlParameter> values = [];

    public EventFilter(EventQuery query)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit, nameof(query.Limit));
        if (!string.IsNullOrWhiteSpace(query.Metal))
        {
            Where("metal = {0}", StoreRows.Text(StoreKeys.MetalKey(query.Metal)!));
        }

        if (StoreKeys.CountryKey(query.Country) is { } country)
        {
            Where("(origin = {0} OR destination = {0})", StoreRows.Text(country));
        }

        if (query.Type is { } type)
        {
            Where("type = {0}", StoreRows.Text(StoreRows.WireName(type)));
        }

        if (StoreKeys.CompanyKey(query.Company) is { Length: > 0 } company)
        {
            // strpos, not LIKE: the folded name is matched as it is, with no wildcard characters to escape.
            Where("(strpos(buyer_key, {0}) > 0 OR strpos(seller_key, {0}) > 0)", StoreRows.Text(company));
        }

        if (query.MinTonnes is { } minTonnes)
        {
            Where("tonnes >= {0}", StoreRows.Number(minTonnes));
        }

        if (query.Since is { } since)
        {
            Where("when_to >= {0}", StoreRows.Day(since));
        }

        if (query.Until is { } until)
        {
            Where("when_from <= {0}", StoreRows.Day(until));
        }

        if (StoreKeys.Words(query.Text) is { Count: > 0 } words)
        {
            Where("NOT EXISTS (SELECT 1 FROM unnest({0}::text[]) AS word WHERE strpos(search_text, word) = 0)", StoreRows.TextArray([.. words]));
        }

        if (query.MinSources is { } minSources)
        {
            Where("source_count >= {0}", StoreRows.Integer(minSources));
        }

        values.Add(StoreRows.Integer(query.Limit));
        var where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
        Sql = $"SELECT record::text FROM events{where} ORDER BY sort_key DESC LIMIT ${values.Count}";
    }

    /// <summary>The statement; its parameters are <see cref="Parameters"/>, in order.</summary>
    public string Sql { get; }

    public NpgsqlParameter[] Parameters => [.. values];

    private void Where(string condition, NpgsqlParameter value)
    {
        values.Add(value);
        conditions.Add(condition.Replace("{0}", "$" + values.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }
}
