using System.Globalization;
using System.Xml.Linq;

namespace NewsPipeline.Ingestion.Parsing;

/// <summary>
/// How long a publisher says its feed stays unchanged: RSS 2.0 &lt;ttl&gt; (minutes), else the Syndication module's
/// sy:updatePeriod divided by sy:updateFrequency. Nonsense values (zero, negative, unparseable) give no hint;
/// the scheduler keeps any hint between the feed's floor and ceiling.
/// </summary>
internal static class FreshnessHints
{
    private const string SyndicationNamespace = "http://purl.org/rss/1.0/modules/syndication/";

    public static TimeSpan? TimeToLive(XElement root)
    {
        var channel = root.Elements().FirstOrDefault(e => e.Name.LocalName == "channel") ?? root;
        return Ttl(channel) ?? UpdatePeriod(channel);
    }

    private static TimeSpan? Ttl(XElement channel)
    {
        var ttl = channel.Elements().FirstOrDefault(e => e.Name.LocalName == "ttl" && e.Name.Namespace == channel.Name.Namespace)?.Value.Trim();
        return int.TryParse(ttl, NumberStyles.Integer, CultureInfo.InvariantCulture, out var minutes) && minutes > 0
            ? TimeSpan.FromMinutes(minutes)
            : null;
    }

    private static TimeSpan? UpdatePeriod(XElement channel)
    {
        var period = Syndication(channel, "updatePeriod")?.ToLowerInvariant() switch
        {
            "hourly" => TimeSpan.FromHours(1),
            "daily" => TimeSpan.FromDays(1),
            "weekly" => TimeSpan.FromDays(7),
            "monthly" => TimeSpan.FromDays(30),
            "yearly" => TimeSpan.FromDays(365),
            _ => (TimeSpan?)null,
        };
        if (period is null)
        {
            return null;
        }

        var frequencyText = Syndication(channel, "updateFrequency");
        var frequency = frequencyText is null ? 1
            : int.TryParse(frequencyText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var f) && f > 0 ? f : 0;
        return frequency == 0 ? null : period / frequency;
    }

    // RSS 1.0 puts the Syndication elements in the channel; some RSS 2.0 feeds put them at the root.
    private static string? Syndication(XElement channel, string localName) =>
        channel.Elements().Concat(channel.Parent?.Elements() ?? [])
            .Where(e => e.Name.LocalName == localName && e.Name.NamespaceName == SyndicationNamespace)
            .Select(e => XmlItemReader.Clean(e.Value))
            .FirstOrDefault(v => v is not null);
}
