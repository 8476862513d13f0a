using System.Globalization;
using System.Text.Json;
using NewsPipeline.Core.Extraction;

namespace NewsPipeline.Core.Stories;

/// <summary>
/// Blocking keys: a stored story is filed under "type|metal|month|party" for each company it names (or
/// "…|nobody" when it names none) and under "type|metal|month" for reports that name no company. A report looks
/// up only the months its window touches and the parties it names, so matching reads a handful of rows even
/// with a million events. A report naming only the buyer is not compared with a story naming only the seller.
/// </summary>
public static class StoryBlocking
{
    private const string Nobody = "nobody";

    /// <summary>Every key a stored story is filed under.</summary>
    public static IReadOnlyList<string> KeysOf(StorySignature story)
    {
        var parties = Parties(story.Event);
        var keys = new List<string>();
        foreach (var month in Months(story.FirstReported, story.LastReported))
        {
            var block = Block(story.Event, month);
            keys.Add(block);
            keys.AddRange(parties.Count == 0 ? [block + "|" + Nobody] : parties.Select(party => block + "|p:" + party));
        }

        return keys;
    }

    /// <summary>The keys under which stories that may be the same deal as <paramref name="report"/> are filed.</summary>
    public static IReadOnlyList<string> LookupKeys(StorySignature report, TimeSpan window)
    {
        var parties = Parties(report.Event);
        var keys = new List<string>();
        foreach (var month in Months(report.FirstReported - window, report.LastReported + window))
        {
            var block = Block(report.Event, month);
            if (parties.Count == 0)
            {
                keys.Add(block);
                continue;
            }

            keys.AddRange(parties.Select(party => block + "|p:" + party));
            keys.Add(block + "|" + Nobody);
        }

        return keys;
    }

    /// <summary>A company name as compared and keyed: trimmed and lower-cased with invariant rules.</summary>
    public static string? PartyKey(string? company) =>
        string.IsNullOrWhiteSpace(company) ? null : company.Trim().ToLowerInvariant();

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
