using System.Globalization;
using System.Text.Json;
using NewsPipeline.Core.Extraction;

namespace NewsPipeline.Core.Stories;

/// <summary>
/// Blocking keys, so that matching reads a handful of rows even with a million events. Every key starts with the
/// block "type|metal|month" of a month the story was reported in. A stored story is filed under the block itself,
/// "…|p:company" for each company it names, "…|t:bucket" for its tonnage (log-scale buckets one tolerance wide,
/// so two tonnages within the tolerance fall in the same or adjacent buckets), "…|nobody" when it names no
/// company, and "…|bare" when it has neither company nor tonnage. A report looks up, for each month its window
/// touches, only the keys of stories it could agree with: the companies it names, neighbouring tonnage buckets,
/// and stories lacking what it has; a report with neither company nor tonnage reads the whole block.
/// </summary>
/// <remarks>
/// Left out for speed: a report naming only the buyer and no tonnage is not compared with a story naming only
/// the seller, nor a report with a tonnage and no company with a story naming companies and no tonnage.
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
        var keys = new List<string>();
        foreach (var month in Months(story.FirstReported, story.LastReported))
        {
            var block = Block(story.Event, month);
            keys.Add(block);
            keys.AddRange(parties.Select(party => block + "|p:" + party));
            if (Bucket(story.Event.Tonnes) is { } bucket)
            {
                keys.Add(TonnesKey(block, bucket));
            }

            if (parties.Count == 0)
            {
                keys.Add(block + "|nobody");
                if (story.Event.Tonnes is null)
                {
                    keys.Add(block + "|bare");
                }
            }
        }

        return keys;
    }

    /// <summary>The keys under which stories that may be the same deal as <paramref name="report"/> are filed.</summary>
    public IReadOnlyList<string> LookupKeys(StorySignature report)
    {
        var parties = Parties(report.Event);
        var bucket = Bucket(report.Event.Tonnes);
        var keys = new List<string>();
        foreach (var month in Months(report.FirstReported - window, report.LastReported + window))
        {
            var block = Block(report.Event, month);
            if (parties.Count == 0 && bucket is null)
            {
                keys.Add(block);
                continue;
            }

            keys.AddRange(parties.Select(party => block + "|p:" + party));
            if (bucket is { } b)
            {
                keys.AddRange([TonnesKey(block, b - 1), TonnesKey(block, b), TonnesKey(block, b + 1), block + "|bare"]);
            }
            else
            {
                keys.Add(block + "|nobody");
            }
        }

        return keys;
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
