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
    private static readonly string[] CountedFields =
        [IndexFields.Metal, IndexFields.Type, IndexFields.Status, IndexFields.Month, IndexFields.Buyer, IndexFields.Seller, IndexFields.Language, IndexFields.Feed];

    private readonly FacetCounts counts = new();
    private readonly Dictionary<string, Dictionary<string, long>> totals;
    private Segment? segment;

    public FacetCollector()
    {
        totals = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal)
        {
            [IndexFields.Metal] = counts.Metals,
            [IndexFields.Type] = counts.Types,
            [IndexFields.Status] = counts.Statuses,
            [IndexFields.Month] = counts.Months,
            [IndexFields.Buyer] = counts.Buyers,
            [IndexFields.Seller] = counts.Sellers,
            [IndexFields.Language] = counts.Languages,
            [IndexFields.Feed] = counts.Feeds,
        };
    }

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
        counts.Total++;
        segment!.Collect(doc);
    }

    public EventFacets Result()
    {
        segment?.MergeInto(this);
        segment = null;
        return counts.ToFacets();
    }

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
                        FacetCounts.Add(collector.totals[field], Lookup(values, ord), counts[ord]);
                    }
                }
            }

            for (var i = 0; i < countryCounts.Length; i++)
            {
                if (countryCounts[i] > 0)
                {
                    var code = i < (origin?.ValueCount ?? 0) ? Lookup(origin!, i) : Lookup(destination!, i - (origin?.ValueCount ?? 0));
                    FacetCounts.Add(collector.counts.Countries, code, countryCounts[i]);
                }
            }

            foreach (var ((o, d), (count, sum)) in flows)
            {
                collector.counts.AddFlow(Lookup(origin!, o), Lookup(destination!, d), count, sum);
            }

            foreach (var ((me, mo), sum) in metalMonths)
            {
                collector.counts.AddMetalMonth(Lookup(metal!, me), Lookup(month!, mo), sum);
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
