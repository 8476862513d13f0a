using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using NewsPipeline.Core.Search;
using NewsPipeline.Search.Documents;

namespace NewsPipeline.Search.Facets;

/// <summary>
/// Counts, in one pass over the matching events, the values of every facet field from their doc values: per
/// segment by ordinal (an array increment per field and document), resolved to strings once per segment.
/// </summary>
internal sealed class FacetCollector : ICollector
{
    private const int Top = 20;
    private const int ChartMetals = 8;

    private static readonly string[] CountedFields =
        [IndexFields.Metal, IndexFields.Type, IndexFields.Status, IndexFields.Month, IndexFields.Buyer, IndexFields.Seller, IndexFields.Language, IndexFields.Feed];

    private readonly Dictionary<string, Dictionary<string, long>> totals = CountedFields.ToDictionary(f => f, _ => new Dictionary<string, long>(StringComparer.Ordinal), StringComparer.Ordinal);
    private readonly Dictionary<string, long> countries = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Origin, string Destination), (long Count, double Tonnes)> flows = [];
    private readonly Dictionary<(string Metal, string Month), double> metalMonths = [];
    private Segment? segment;
    private long total;

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        segment?.MergeInto(this);
        segment = new Segment(context.AtomicReader);
    }

    public void Collect(int doc)
    {
        total++;
        segment!.Collect(doc);
    }

    public EventFacets Result()
    {
        segment?.MergeInto(this);
        segment = null;
        var tonnesByMetal = metalMonths.GroupBy(p => p.Key.Metal).OrderByDescending(g => g.Sum(p => p.Value)).Take(ChartMetals).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return new EventFacets(
            total,
            ByCount(totals[IndexFields.Metal], int.MaxValue),
            ByCount(countries, int.MaxValue),
            ByCount(totals[IndexFields.Type], int.MaxValue),
            ByCount(totals[IndexFields.Status], int.MaxValue),
            totals[IndexFields.Month].OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new FacetValue(p.Key, p.Value)).ToList(),
            ByCount(totals[IndexFields.Buyer], Top),
            ByCount(totals[IndexFields.Seller], Top),
            ByCount(totals[IndexFields.Language], int.MaxValue),
            ByCount(totals[IndexFields.Feed], Top),
            flows.OrderByDescending(p => p.Value.Count).ThenByDescending(p => p.Value.Tonnes).ThenBy(p => p.Key.Origin, StringComparer.Ordinal).ThenBy(p => p.Key.Destination, StringComparer.Ordinal)
                .Take(Top).Select(p => new FlowCount(p.Key.Origin, p.Key.Destination, p.Value.Count, p.Value.Tonnes)).ToList(),
            metalMonths.Where(p => tonnesByMetal.Contains(p.Key.Metal)).OrderBy(p => p.Key.Metal, StringComparer.Ordinal).ThenBy(p => p.Key.Month, StringComparer.Ordinal)
                .Select(p => new MetalMonthTonnes(p.Key.Metal, p.Key.Month, p.Value)).ToList());
    }

    private static List<FacetValue> ByCount(Dictionary<string, long> counts, int top) =>
        counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(top).Select(p => new FacetValue(p.Key, p.Value)).ToList();

    private static void Add<TKey>(Dictionary<TKey, long> counts, TKey key, long count)
        where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + count;

    /// <summary>Ordinal counts of one index segment.</summary>
    private sealed class Segment
    {
        private readonly Dictionary<string, (SortedDocValues Values, long[] Counts)> fields = new(StringComparer.Ordinal);
        private readonly SortedDocValues? origin;
        private readonly SortedDocValues? destination;
        private readonly SortedDocValues? metal;
        private readonly SortedDocValues? month;
        private readonly NumericDocValues? tonnes;
        private readonly int[] destinationOfOrigin;
        private readonly long[] countryCounts;
        private readonly Dictionary<(int Origin, int Destination), (long Count, double Tonnes)> flows = [];
        private readonly Dictionary<(int Metal, int Month), double> metalMonths = [];

        public Segment(AtomicReader reader)
        {
            foreach (var field in CountedFields)
            {
                if (reader.GetSortedDocValues(field) is { } values)
                {
                    fields[field] = (values, new long[values.ValueCount]);
                }
            }

            origin = reader.GetSortedDocValues(IndexFields.Origin);
            destination = reader.GetSortedDocValues(IndexFields.Destination);
            metal = fields.TryGetValue(IndexFields.Metal, out var m) ? m.Values : null;
            month = fields.TryGetValue(IndexFields.Month, out var mo) ? mo.Values : null;
            tonnes = reader.GetNumericDocValues(IndexFields.TonnesDescKey);
            destinationOfOrigin = new int[origin?.ValueCount ?? 0];
            for (var ord = 0; ord < destinationOfOrigin.Length; ord++)
            {
                var code = new BytesRef();
                origin!.LookupOrd(ord, code);
                destinationOfOrigin[ord] = destination?.LookupTerm(code) ?? -1;
            }

            countryCounts = new long[(origin?.ValueCount ?? 0) + (destination?.ValueCount ?? 0)];
        }

        public void Collect(int doc)
        {
            foreach (var (values, counts) in fields.Values)
            {
                var ord = values.GetOrd(doc);
                if (ord >= 0)
                {
                    counts[ord]++;
                }
            }

            var o = origin?.GetOrd(doc) ?? -1;
            var d = destination?.GetOrd(doc) ?? -1;
            if (o >= 0)
            {
                countryCounts[o]++;
            }

            // Destination ordinals live after the origin ones; an event from and to the same country counts once.
            if (d >= 0 && !(o >= 0 && destinationOfOrigin[o] == d))
            {
                countryCounts[origin!.ValueCount + d]++;
            }

            var t = tonnes is null ? 0 : BitConverter.Int64BitsToDouble(tonnes.Get(doc));
            if (t < 0)
            {
                t = 0;
            }

            if (o >= 0 && d >= 0)
            {
                var flow = flows.GetValueOrDefault((o, d));
                flows[(o, d)] = (flow.Count + 1, flow.Tonnes + t);
            }

            if (t > 0 && metal is not null && month is not null)
            {
                var me = metal.GetOrd(doc);
                var mo = month.GetOrd(doc);
                if (me >= 0 && mo >= 0)
                {
                    metalMonths[(me, mo)] = metalMonths.GetValueOrDefault((me, mo)) + t;
                }
            }
        }

        public void MergeInto(FacetCollector collector)
        {
            foreach (var (field, (values, counts)) in fields)
            {
                for (var ord = 0; ord < counts.Length; ord++)
                {
                    if (counts[ord] > 0)
                    {
                        Add(collector.totals[field], Lookup(values, ord), counts[ord]);
                    }
                }
            }

            for (var i = 0; i < countryCounts.Length; i++)
            {
                if (countryCounts[i] > 0)
                {
                    var code = i < (origin?.ValueCount ?? 0) ? Lookup(origin!, i) : Lookup(destination!, i - (origin?.ValueCount ?? 0));
                    Add(collector.countries, code, countryCounts[i]);
                }
            }

            foreach (var ((o, d), (count, sum)) in flows)
            {
                var key = (Lookup(origin!, o), Lookup(destination!, d));
                var flow = collector.flows.GetValueOrDefault(key);
                collector.flows[key] = (flow.Count + count, flow.Tonnes + sum);
            }

            foreach (var ((me, mo), sum) in metalMonths)
            {
                var key = (Lookup(metal!, me), Lookup(month!, mo));
                collector.metalMonths[key] = collector.metalMonths.GetValueOrDefault(key) + sum;
            }
        }

        private static string Lookup(SortedDocValues values, int ord)
        {
            var bytes = new BytesRef();
            values.LookupOrd(ord, bytes);
            return bytes.Utf8ToString();
        }
    }
}
