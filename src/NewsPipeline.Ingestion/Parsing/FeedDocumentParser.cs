using System.Xml;
using System.Xml.Linq;
using CodeHollow.FeedReader;
using NewsPipeline.Core;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Core.Text;

namespace NewsPipeline.Ingestion.Parsing;

/// <summary>
/// Feed bytes → items, for RSS 0.9x/1.0 (RDF)/2.0, Atom 0.3/1.0 and JSON Feed 1.0/1.1.
/// Decodes with <see cref="TextDecoder"/>, repairs the XML (<see cref="FeedXmlRepair"/>), lets CodeHollow.FeedReader
/// map the document to items, and reads links, dates and languages from each item's XML itself.
/// Never throws on bad input: every problem comes back as a <see cref="Failure"/>.
/// </summary>
public sealed class FeedDocumentParser : IFeedParser
{
    // Publishers' clocks drift and time zones are mislabelled; beyond a day ahead a date is wrong, not early.
    private static readonly TimeSpan FutureTolerance = TimeSpan.FromDays(1);


    private readonly TextDecoder decoder;
    private readonly TimeProvider time;

    public FeedDocumentParser(TextDecoder decoder, TimeProvider time)
    {
        this.decoder = decoder;
        this.time = time;
    }

    public Outcome<ParsedFeed> Parse(ReadOnlyMemory<byte> body, string? contentType, Uri baseUrl)
    {
        var document = ParseDocument(body, contentType, baseUrl);
        if (!document.IsSuccess)
        {
            return Outcome<ParsedFeed>.Fail(document.Failure!);
        }

        // An item without a link cannot lead to an article page, so the pipeline does not see it.
        var entries = document.Value!.Items
            .Where(i => i.Link is not null)
            .Select(i => new FeedEntry(i.Id, i.Link!, i.Title, i.Published ?? i.Updated, i.Summary ?? i.Content, i.Language, i.Media))
            .ToList();
        return Outcome<ParsedFeed>.Success(new ParsedFeed(document.Value.Format, document.Value.Title, entries, document.Value.TimeToLive));
    }

    /// <summary>The whole document as read, including items without a usable link and the charset used.</summary>
    public Outcome<FeedDocument> ParseDocument(ReadOnlyMemory<byte> body, string? contentType, Uri baseUrl)
    {
        if (body.IsEmpty)
        {
            return Outcome<FeedDocument>.Fail(FailureReason.Empty, "the feed body is empty");
        }

        var decoded = decoder.Decode(body.Span, contentType);
        var text = decoded.Text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (text.Length == 0)
        {
            return Outcome<FeedDocument>.Fail(FailureReason.Empty, "the feed body holds only white space");
        }

        return text[0] is '{' or '['
            ? JsonFeedReader.Read(text, decoded.EncodingName, baseUrl)
            : ParseXml(text, decoded.EncodingName, baseUrl);
    }

    private Outcome<FeedDocument> ParseXml(string text, string encoding, Uri baseUrl)
    {
        var repaired = FeedXmlRepair.Repair(text);
        if (repaired is null)
        {
            return Outcome<FeedDocument>.Fail(FailureReason.Empty, "the document holds no XML element (only comments or text)");
        }

        var loaded = Load(repaired);
        if (!loaded.IsSuccess)
        {
            var wrapped = FeedXmlRepair.WrapRawHtml(repaired);
            var second = Load(wrapped);
            loaded = second.IsSuccess || TruncatedXmlRecovery.Recover(wrapped) is not { } recovered ? second : Load(recovered);
        }

        if (!loaded.IsSuccess)
        {
            return Outcome<FeedDocument>.Fail(loaded.Failure!);
        }

        var root = loaded.Value!.Root!;
        var format = Format(root);
        if (format is null)
        {
            return Outcome<FeedDocument>.Fail(FailureReason.UnsupportedContent, UnsupportedRootDetail(root));
        }

        // The mapper refuses <rss> without a version; such feeds are RSS 2.0 in practice.
        if (format == "rss" && root.Attribute("version") is null)
        {
            root.SetAttributeValue("version", "2.0");
        }

        var (title, items) = MapWithFeedReader(root) ?? MapDirectly(root);
        var now = time.GetUtcNow();
        var language = XmlItemReader.DocumentLanguage(root);
        var read = items.Select(i => ReadItem(i.Element, i.Mapped, baseUrl, now, language)).ToList();
        return Outcome<FeedDocument>.Success(new FeedDocument(format, ChannelTitle(root, baseUrl) ?? title, encoding, read, FreshnessHints.TimeToLive(root)));
    }

    private static Outcome<XDocument> Load(string xml)
    {
        try
        {
            if (NestedDeeperThanLimit(xml))
            {
                return Outcome<XDocument>.Fail(FailureReason.Malformed, $"elements nested deeper than {MaxDepth} levels");
            }

            using var reader = XmlReader.Create(new StringReader(xml), SafeXmlSettings());
            var document = XDocument.Load(reader, LoadOptions.None);
            return document.Root is null
                ? Outcome<XDocument>.Fail(FailureReason.Empty, "no root element")
                : Outcome<XDocument>.Success(document);
        }
        catch (XmlException e)
        {
            return Outcome<XDocument>.Fail(FailureReason.Malformed, $"not well-formed XML even after repair: {Shorten(e.Message)}");
        }
    }

    // Real feeds nest a few dozen levels at most. Far deeper nesting is an attack or a cascade of unclosed tags:
    // it would exhaust the stack of recursive readers downstream, and the XML reader's own error for thousands of
    // unclosed elements is slow to build, so a streaming pass stops at the limit before anything is loaded.
    internal const int MaxDepth = 256;

    private static bool NestedDeeperThanLimit(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), SafeXmlSettings());
        while (reader.Read())
        {
            if (reader.Depth > MaxDepth)
            {
                return true;
            }
        }

        return false;
    }

    private static string Shorten(string message) => message.Length <= 300 ? message : message[..300] + "…";

    // DTDs are refused outright (repair has removed them): no entity expansion, no external fetch.
    internal static XmlReaderSettings SafeXmlSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreProcessingInstructions = true,
        CheckCharacters = true,
    };

    private static string? Format(XElement root) => root.Name.LocalName switch
    {
        "rss" => "rss",
        "RDF" => "rdf",
        "feed" => "atom",
        _ => null,
    };

    private static string UnsupportedRootDetail(XElement root) =>
        root.Name.LocalName.Equals("html", StringComparison.OrdinalIgnoreCase)
            ? "the document is an HTML page, not a feed"
            : $"root element <{root.Name.LocalName}> is not RSS, RDF, Atom or JSON Feed";

    /// <summary>Items as CodeHollow.FeedReader maps them, or null when it cannot map this document.</summary>
    private static (string? Title, IReadOnlyList<(XElement Element, FeedItem? Mapped)> Items)? MapWithFeedReader(XElement root)
    {
        Feed feed;
        try
        {
            feed = FeedReader.ReadFromString(root.ToString(SaveOptions.DisableFormatting));
        }
#pragma warning disable CA1031 // The mapper throws NullReferenceException and bare Exception on odd structures; the direct reader covers them.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }

        var items = feed.Items
            .Where(i => i.SpecificItem?.Element is not null)
            .Select(i => (i.SpecificItem.Element, (FeedItem?)i))
            .ToList();
        return (XmlItemReader.Clean(feed.Title), items);
    }

    private static (string? Title, IReadOnlyList<(XElement Element, FeedItem? Mapped)> Items) MapDirectly(XElement root)
    {
        var items = root.Descendants()
            .Where(e => e.Name.LocalName is "item" or "entry" && e.Ancestors().All(a => a.Name.LocalName is not ("item" or "entry")))
            .Select(e => (e, (FeedItem?)null))
            .ToList();
        return (null, items);
    }

    private static string? ChannelTitle(XElement root, Uri baseUrl)
    {
        var channel = root.Elements().FirstOrDefault(e => e.Name.LocalName == "channel") ?? root;
        return XmlItemReader.Construct(channel, baseUrl, "title");
    }

    private static FeedDocumentItem ReadItem(XElement element, FeedItem? mapped, Uri baseUrl, DateTimeOffset now, string? documentLanguage)
    {
        DateTimeOffset? NotFuture(DateTimeOffset? date) => date > now + FutureTolerance ? null : date;
        var media = MediaReader.Read(element, baseUrl);
        return new FeedDocumentItem(
            Id: XmlItemReader.Id(element) ?? XmlItemReader.Clean(mapped?.Id),
            Title: XmlItemReader.Construct(element, baseUrl, "title") ?? XmlItemReader.Clean(mapped?.Title) ?? MediaReader.ItemText(element, "title"),
            Link: XmlItemReader.Link(element, baseUrl),
            Published: NotFuture(XmlItemReader.FirstDate(element, published: true)),
            Updated: NotFuture(XmlItemReader.FirstDate(element, published: false)),
            Summary: XmlItemReader.Construct(element, baseUrl, "description", "summary", "abstract") ?? XmlItemReader.Clean(mapped?.Description)
                ?? MediaReader.ItemText(element, "description"),
            Content: XmlItemReader.Construct(element, baseUrl, "encoded", "content", "body", "fullitem") ?? XmlItemReader.Clean(mapped?.Content),
            Language: XmlItemReader.Language(element, documentLanguage),
            Media: media.Count > 0 ? media : null);
    }
}
