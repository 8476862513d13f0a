using LiteDB;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Storage;

namespace NewsPipeline.Storage.LiteDb;

/// <summary>
/// DESIGN §4 <c>query</c> filters over the <c>events</c> collection. Exact filters (metal, type, country, tonnes,
/// dates) run inside LiteDB on indexed fields; substring filters (company, text) and the source count run on the
/// rows LiteDB returns newest first, so the limit is applied after them.
/// </summary>
internal sealed class EventFilter
{
    private readonly EventQuery query;
    private readonly string companyKey;
    private readonly IReadOnlyList<string> words;

    public EventFilter(EventQuery query)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit, nameof(query.Limit));
        this.query = query;
        companyKey = StoreKeys.CompanyKey(query.Company);
        words = StoreKeys.Words(query.Text);
    }

    public IReadOnlyList<EventDocument> Run(ILiteCollection<EventDocument> events)
    {
        var rows = events.Query();
        foreach (var condition in IndexedConditions())
        {
            rows = rows.Where(condition);
        }

        return rows.OrderByDescending("$.sortKey")
            .ToEnumerable()
            .Where(MatchesCompany)
            .Where(MatchesText)
            .Where(HasEnoughSources)
            .Take(query.Limit)
            .ToList();
    }

    private IEnumerable<BsonExpression> IndexedConditions()
    {
        if (!string.IsNullOrWhiteSpace(query.Metal))
        {
            yield return BsonExpression.Create("$.metal = @0", new BsonValue(query.Metal.Trim().ToLowerInvariant()));
        }

        if (StoreKeys.CountryKey(query.Country) is { } country)
        {
            yield return BsonExpression.Create("($.origin = @0 OR $.destination = @0)", new BsonValue(country));
        }

        if (query.Type is { } type)
        {
            yield return BsonExpression.Create("$.type = @0", new BsonValue(WireName<EventType>.Of(type)));
        }

        if (query.MinTonnes is { } minTonnes)
        {
            yield return BsonExpression.Create("$.tonnes >= @0", new BsonValue(minTonnes));
        }

        if (query.Since is { } since)
        {
            yield return BsonExpression.Create("$.whenTo >= @0", new BsonValue(StoreKeys.Midnight(since)));
        }

        if (query.Until is { } until)
        {
            // In BSON order null sorts below every date, so an undated event would otherwise pass "until".
            yield return BsonExpression.Create("($.whenFrom != null AND $.whenFrom <= @0)", new BsonValue(StoreKeys.Midnight(until)));
        }
    }

    private bool MatchesCompany(EventDocument row) =>
        companyKey.Length == 0
        || row.BuyerKey.Contains(companyKey, StringComparison.Ordinal)
        || row.SellerKey.Contains(companyKey, StringComparison.Ordinal);

    // Rows written before stories have no source list and count as one source.
    private bool HasEnoughSources(EventDocument row) =>
        query.MinSources is not { } minimum || (row.Sources?.Count ?? 1) >= minimum;

    private bool MatchesText(EventDocument row) =>
        words.All(word => row.SearchText.Contains(word, StringComparison.Ordinal));
}
