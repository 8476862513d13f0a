using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using NewsPipeline.Core.Feeds;

namespace NewsPipeline.Ingestion.Opml;

/// <summary>An outline of an OPML file that names a feed; language is null when the file does not say.</summary>
public sealed record OpmlFeed(string Name, Uri Url, string? Language);

/// <summary>
/// OPML 2.0, the exchange format of feed readers: export the feed list for another reader, import a reader's
/// subscriptions into feeds.json. Nested folders are flattened; outlines without an xmlUrl are folders.
/// </summary>
public static class OpmlFile
{
    public static string Export(IReadOnlyList<FeedDefinition> feeds, DateTimeOffset created)
    {
        var body = new XElement("body", feeds.Select(f => new XElement(
            "outline",
            new XAttribute("type", "rss"),
            new XAttribute("text", f.Name),
            new XAttribute("title", f.Name),
            new XAttribute("xmlUrl", f.Url.AbsoluteUri),
            new XAttribute("language", f.Language))));
        var opml = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement("opml", new XAttribute("version", "2.0"),
                new XElement("head",
                    new XElement("title", "NewsPipeline feeds"),
                    new XElement("dateCreated", created.ToString("r", CultureInfo.InvariantCulture))),
                body));
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            opml.Save(writer);
        }

        return builder.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    /// <summary>The feeds an OPML document names, or every problem found; DTDs are refused, never fetched.</summary>
    public static (IReadOnlyList<OpmlFeed> Feeds, IReadOnlyList<string> Errors) Read(string xml)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            return ([], [$"not well-formed OPML: {ex.Message}"]);
        }

        if (document.Root?.Name.LocalName != "opml")
        {
            return ([], ["the root element is not <opml>"]);
        }

        var feeds = new List<OpmlFeed>();
        var errors = new List<string>();
        foreach (var outline in document.Descendants().Where(e => e.Name.LocalName == "outline"))
        {
            var url = (string?)outline.Attribute("xmlUrl");
            if (url is null)
            {
                continue;
            }

            var name = ((string?)outline.Attribute("title") ?? (string?)outline.Attribute("text") ?? url).Trim();
            if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"outline '{name}': xmlUrl '{url}' is not an absolute http or https URL");
                continue;
            }

            var language = ((string?)outline.Attribute("language"))?.Trim().ToLowerInvariant();
            feeds.Add(new OpmlFeed(name, uri, string.IsNullOrEmpty(language) ? null : language.Split('-', '_')[0]));
        }

        return (feeds, errors);
    }

    /// <summary>
    /// feeds.json text for <paramref name="feeds"/> (schema of <see cref="Configuration.FeedsFile"/>): an interval other
    /// than the default, a floor, a ceiling and a cron schedule are written only where a feed has them.
    /// </summary>
    public static string ToFeedsJson(IEnumerable<FeedDefinition> feeds, TimeSpan defaultInterval)
    {
        static string Duration(TimeSpan span) => span.ToString("c", CultureInfo.InvariantCulture);
        var document = new
        {
            defaults = new { interval = Duration(defaultInterval) },
            feeds = feeds.Select(f => new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["name"] = f.Name,
                ["url"] = f.Url.AbsoluteUri,
                ["language"] = f.Language,
            }.Concat(new (string Key, string? Value)[]
            {
                ("interval", f.Interval == defaultInterval ? null : Duration(f.Interval)),
                ("minInterval", f.MinInterval is { } floor ? Duration(floor) : null),
                ("maxInterval", f.MaxInterval is { } ceiling ? Duration(ceiling) : null),
                ("cron", f.Cron),
            }.Where(p => p.Value is not null).Select(p => new KeyValuePair<string, string>(p.Key, p.Value!)))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)),
        };
        return JsonSerializer.Serialize(document, new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }) + "\n";
    }
}
