using System.Globalization;
using System.Text.Json;
using NewsPipeline.Core.Extraction;

namespace NewsPipeline.Core.Stories;

/// <summary>
/// Blocking keys, so that matching reads a handful of rows even with a million events. Every key starts with the
/// block "type|metal|month" of a month the story was reported in. A stored story is filed under the block itself,
/// "…|p:company" for each company it names and "…|t:bucket" for its tonnage (log-scale buckets one tolerance wide,
/// so two tonnages within the tolerance fall in the same or adjacent buckets); a story naming no company is also
/// filed under "…|nobody", "…|nobody|t:bucket", and "…|bare" when it has no tonnage either. A report looks up, for
/// each month its window touches, only stories it could agree with: those sharing a company it names, and those
/// naming none with a neighbouring tonnage or none; a report without companies, those of a neighbouring tonnage;
/// a report with neither company nor tonnage reads the whole block.
/// </summary>
/// <remarks>
/// Left out for speed: reports whose only link to a story is a tonnage while each names a different role (a
/// story naming only the buyer and a report naming only the seller), and reports with a tonnage and no company
/// against stories naming companies and no tonnage.
/// </remarks>
public sealed class StoryBlocking
{
    private readonly TimeSpan window;
    private readonly double bucketWidth;

    public StoryBlocking(StoryMatchOptions options)
    {
        options.ThrowIfInvalid();
        window = options.Window;

        // Within the tolerance, the larger tonnage is at most 1 / (1 - tolerance) times the smaller one.
        bucketWidth = Math.Max(-Math.Log(1 - options.TonnesTolerance), 1e-9);
    }

    /// <summary>Every key a stored story is filed under.</summary>
    public IReadOnlyList<string> KeysOf(StorySignature story)
    {
        var parties = Parties(story.Event);
        var bucket = Bucket(story.Event.Tonnes);
        var keys = new List<string>();
        foreach (var month in Months(story.FirstReported, story.LastReported))
        {
            var block = Block(story.Event, month);
            keys.Add(block);
            keys.AddRange(parties.Select(party => block + "|p:" + party));
            if (bucket is { } b)
            {
                keys.Add(TonnesKey(block, b));
            }

            if (parties.Count == 0)
            {
                keys.Add(block + "|nobody");
                keys.Add(bucket is { } own ? TonnesKey(block + "|nobody", own) : block + "|bare");
            }
        }

        return keys;
    }

    /// <summary>The keys under which stories that may be the same deal as <paramref name="report"/> are filed.</summary>
    public IReadOnlyList<string> LookupKeys(StorySignature report)
    {
        var parties = Parties(report.Event);
        var bucket = Bucket(report.Event.Tonnes);
        return Months(report.FirstReported - window, report.LastReported + window)
            .SelectMany(month => LookupKeys(Block(report.Event, month), parties, bucket))
            .ToList();
    }

    private static IEnumerable<string> LookupKeys(string block, List<string> parties, long? bucket)
    {
        if (parties.Count == 0)
        {
            return bucket is { } alone ? [.. Neighbours(block, alone), block + "|bare"] : [block];
        }

        var shared = parties.Select(party => block + "|p:" + party);
        return bucket is { } b
            ? [.. shared, .. Neighbours(block + "|nobody", b), block + "|bare"]
            : [.. shared, block + "|nobody"];
    }

    /// <summary>A company name as compared and keyed: trimmed and lower-cased with invariant rules.</summary>
    public static string? PartyKey(string? company) =>
        string.IsNullOrWhiteSpace(company) ? null : company.Trim().ToLowerInvariant();

    private long? Bucket(double? tonnes) => tonnes switch
    {
        null => null,
        <= 0 => long.MinValue + 1,
        { } t => (long)Math.Floor(Math.Log(t) / bucketWidth),
    };

    private static IEnumerable<string> Neighbours(string prefix, long bucket) =>
        [TonnesKey(prefix, bucket - 1), TonnesKey(prefix, bucket), TonnesKey(prefix, bucket + 1)];

    private static string TonnesKey(string block, long bucket) => block + "|t:" + bucket.ToString(CultureInfo.InvariantCulture);

    private static List<string> Parties(SupplyEvent e) =>
        new[] { PartyKey(e.Buyer), PartyKey(e.Seller) }.OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    private static string Block(SupplyEvent e, DateOnly month) =>
        string.Join(
            '|',
            JsonNamingPolicy.SnakeCaseLower.ConvertName(e.Type.ToString()),
            e.Metal?.Trim().ToLowerInvariant() ?? "",
            month.ToString("yyyy-MM", CultureInfo.InvariantCulture));

    private static IEnumerable<DateOnly> Months(DateTimeOffset from, DateTimeOffset to)
    {
        var first = DateOnly.FromDateTime(from.UtcDateTime);
        var last = DateOnly.FromDateTime(to.UtcDateTime);
        for (var month = new DateOnly(first.Year, first.Month, 1); month <= last; month = month.AddMonths(1))
        {
            yield return month;
        }
    }
}
