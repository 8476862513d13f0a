using NewsPipeline.Core.Search;

namespace NewsPipeline.Search.Facets;

/// <summary>
/// Raw facet counts over the events matching a query, however they were counted (Lucene doc values or SQL
/// <c>GROUP BY</c>), and the one place that orders and trims them into <see cref="EventFacets"/>.
/// </summary>
internal sealed class FacetCounts
{
    /// <summary>How many values the long-tailed facets (buyers, sellers, feeds, flows) keep.</summary>
    public const int Top = 20;

    /// <summary>How many metals, those with the most tonnes, the tonnes-by-month chart draws.</summary>
    public const int ChartMetals = 8;

    public long Total { get; set; }

    public Dictionary<string, long> Metals { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> Types { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> Statuses { get; } = new(StringComparer.Ordinal);

    /// <summary>yyyy-MM of the first day of each event's period.</summary>
    public Dictionary<string, long> Months { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> Buyers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> Sellers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> Languages { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> Feeds { get; } = new(StringComparer.Ordinal);

    /// <summary>Events naming each country as origin or destination (once when it is both).</summary>
    public Dictionary<string, long> Countries { get; } = new(StringComparer.Ordinal);

    public Dictionary<(string Origin, string Destination), (long Count, double Tonnes)> Flows { get; } = [];

    /// <summary>Tonnes per metal and month, over events that state a tonnage.</summary>
    public Dictionary<(string Metal, string Month), double> MetalMonths { get; } = [];

    public static void Add<TKey>(Dictionary<TKey, long> counts, TKey key, long count)
        where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + count;

    public void AddFlow(string origin, string destination, long count, double tonnes)
    {
        var flow = Flows.GetValueOrDefault((origin, destination));
        Flows[(origin, destination)] = (flow.Count + count, flow.Tonnes + tonnes);
    }

    public void AddMetalMonth(string metal, string month, double tonnes) =>
        MetalMonths[(metal, month)] = MetalMonths.GetValueOrDefault((metal, month)) + tonnes;

    public EventFacets ToFacets()
    {
        var chartMetals = MetalMonths.GroupBy(p => p.Key.Metal).OrderByDescending(g => g.Sum(p => p.Value)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(ChartMetals).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return new EventFacets(
            Total,
            ByCount(Metals, int.MaxValue),
            ByCount(Countries, int.MaxValue),
            ByCount(Types, int.MaxValue),
            ByCount(Statuses, int.MaxValue),
            Months.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new FacetValue(p.Key, p.Value)).ToList(),
            ByCount(Buyers, Top),
            ByCount(Sellers, Top),
            ByCount(Languages, int.MaxValue),
            ByCount(Feeds, Top),
            Flows.OrderByDescending(p => p.Value.Count).ThenByDescending(p => p.Value.Tonnes).ThenBy(p => p.Key.Origin, StringComparer.Ordinal).ThenBy(p => p.Key.Destination, StringComparer.Ordinal)
                .Take(Top).Select(p => new FlowCount(p.Key.Origin, p.Key.Destination, p.Value.Count, p.Value.Tonnes)).ToList(),
            MetalMonths.Where(p => chartMetals.Contains(p.Key.Metal)).OrderBy(p => p.Key.Metal, StringComparer.Ordinal).ThenBy(p => p.Key.Month, StringComparer.Ordinal)
                .Select(p => new MetalMonthTonnes(p.Key.Metal, p.Key.Month, p.Value)).ToList());
    }

    private static List<FacetValue> ByCount(Dictionary<string, long> counts, int top) =>
        counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(top).Select(p => new FacetValue(p.Key, p.Value)).ToList();
}
