using System.Xml.Linq;
using NewsPipeline.Core.Text;

namespace NewsPipeline.Ingestion.Parsing;

/// <summary>
/// Reads the fields the mapper gets wrong or leaves out straight from an item's XML:
/// links (Atom alternates, guid permalinks, Dublin Core and rdf:about fallbacks) resolved against xml:base,
/// dates through <see cref="InternetDateParser"/>, and the language in scope.
/// Element names are matched by local name so RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 share one reader.
/// </summary>
internal static partial class XmlItemReader
{
    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static readonly string[] PublishedNames = ["published", "pubDate", "issued", "date", "created"];
    private static readonly string[] UpdatedNames = ["updated", "modified", "date"];
    private static readonly string[] UrlLikeNames = ["origLink", "identifier", "relation", "source"];

    public static Uri? Link(XElement item, Uri documentUrl)
    {
        if (AtomLink(item, documentUrl) is { } atom)
        {
            return atom;
        }

        foreach (var link in Children(item, "link"))
        {
            if (link.Attribute("href") is null && Resolve(link, link.Value, documentUrl) is { } plain)
            {
                return plain;
            }
        }

        foreach (var guid in Children(item, "guid"))
        {
            var permaLink = (string?)guid.Attribute("isPermaLink");
            if (!string.Equals(permaLink?.Trim(), "false", StringComparison.OrdinalIgnoreCase) && LooksLikeUrl(guid.Value, permaLink is not null)
                && Resolve(guid, guid.Value, documentUrl) is { } fromGuid)
            {
                return fromGuid;
            }
        }

        foreach (var name in UrlLikeNames)
        {
            foreach (var element in Children(item, name))
            {
                if (!element.HasElements && LooksLikeUrl(element.Value, false) && Resolve(element, element.Value, documentUrl) is { } fromMetadata)
                {
                    return fromMetadata;
                }
            }
        }

        var about = (string?)item.Attribute(Rdf + "about");
        if (LooksLikeUrl(about, false) && Resolve(item, about!, documentUrl) is { } fromAbout)
        {
            return fromAbout;
        }

        var id = Children(item, "id").FirstOrDefault()?.Value;
        return LooksLikeUrl(id, false) ? Resolve(item, id!, documentUrl) : null;
    }

    /// <summary>The item's own identifier: guid or id element, else the RDF resource it describes.</summary>
    public static string? Id(XElement item) =>
        Text(item, "guid") ?? Text(item, "id") ?? Clean((string?)item.Attribute(Rdf + "about"));

    public static DateTimeOffset? FirstDate(XElement item, bool published) =>
        (published ? PublishedNames : UpdatedNames)
            .SelectMany(name => Children(item, name))
            .Select(e => InternetDateParser.Parse(e.Value))
            .FirstOrDefault(d => d is not null);

    public static string? Text(XElement item, string localName) =>
        Children(item, localName).Select(e => Clean(e.Value)).FirstOrDefault(v => v is not null);

    /// <summary>
    /// The first non-empty text construct among <paramref name="localNames"/> (in that order of preference):
    /// base64 content decoded, inline XHTML/XML serialised as markup, everything else as its text.
    /// </summary>
    public static string? Construct(XElement parent, Uri documentUrl, params string[] localNames) =>
        localNames.SelectMany(name => Children(parent, name)).Select(e => ReadConstruct(e, documentUrl)).FirstOrDefault(v => v is not null);

    /// <summary>xml:lang in scope, else the item's own Dublin Core language, else the document's language.</summary>
    public static string? Language(XElement item, string? documentLanguage)
    {
        for (var e = item; e is not null; e = e.Parent)
        {
            var lang = (string?)e.Attribute(XNamespace.Xml + "lang");
            if (!string.IsNullOrWhiteSpace(lang))
            {
                return lang.Trim();
            }
        }

        return Text(item, "language") ?? documentLanguage;
    }

    /// <summary>The language a channel or feed declares with a language element (read once, not per item: channels hold every item).</summary>
    public static string? DocumentLanguage(XElement root)
    {
        var channel = root.Elements().FirstOrDefault(e => e.Name.LocalName == "channel");
        return (channel is null ? null : Text(channel, "language")) ?? Text(root, "language");
    }

    /// <summary>The base URI in scope for an element: the document URL, refined by every xml:base from the root down.</summary>
    public static Uri Base(XElement element, Uri documentUrl)
    {
        var current = documentUrl;
        foreach (var e in element.AncestorsAndSelf().Reverse())
        {
            var declared = (string?)e.Attribute(XNamespace.Xml + "base");
            if (!string.IsNullOrWhiteSpace(declared) && Uri.TryCreate(current, declared.Trim(), out var refined))
            {
                current = refined;
            }
        }

        return current;
    }

    public static Uri? Resolve(XElement context, string? value, Uri documentUrl)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return Uri.TryCreate(Base(context, documentUrl), trimmed, out var absolute) && absolute.IsAbsoluteUri ? absolute : null;
    }

    public static string? Clean(string? text)
    {
        // JSON Feed allows U+0000, which a store on PostgreSQL refuses: the article would never be stored.
        var trimmed = text?.Replace('\0', '\uFFFD').Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    private static Uri? AtomLink(XElement item, Uri documentUrl)
    {
        var candidates = Children(item, "link")
            .Where(l => l.Attribute("href") is not null)
            .Select(l => (Element: l, Rel: ((string?)l.Attribute("rel"))?.Trim() ?? "alternate", Type: (string?)l.Attribute("type")))
            .Where(l => l.Rel.Equals("alternate", StringComparison.OrdinalIgnoreCase)
                || l.Rel.Equals("http://www.iana.org/assignments/relation/alternate", StringComparison.OrdinalIgnoreCase))
            .OrderBy(l => l.Type is null || l.Type.Contains("html", StringComparison.OrdinalIgnoreCase) ? 0 : 1);
        foreach (var (element, _, _) in candidates)
        {
            if (Resolve(element, (string?)element.Attribute("href"), documentUrl) is { } resolved)
            {
                return resolved;
            }
        }

        return null;
    }

    private static bool LooksLikeUrl(string? value, bool declaredPermaLink)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        return trimmed.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || (declaredPermaLink && trimmed.StartsWith('/'));
    }

    // Elements of the parent's own vocabulary come before same-named extension elements (title before dc:title).
    private static IEnumerable<XElement> Children(XElement parent, string localName) =>
        parent.Elements()
            .Where(e => e.Name.LocalName.Equals(localName, StringComparison.Ordinal))
            .OrderBy(e => e.Name.Namespace == parent.Name.Namespace ? 0 : 1);

    private static string? ReadConstruct(XElement element, Uri documentUrl)
    {
        var text = ReadConstructText(element);
        var type = ((string?)element.Attribute("type"))?.Trim();
        var isPlainText = string.Equals(type, "text", StringComparison.OrdinalIgnoreCase) || string.Equals(type, "text/plain", StringComparison.OrdinalIgnoreCase);
        return text is null || isPlainText || !text.Contains('<', StringComparison.Ordinal)
            ? text
            : ResolveMarkupUrls(text, Base(element, documentUrl));
    }

    // Relative href/src values in HTML content mean the same as the item's relative links: they resolve against xml:base.
    private static string ResolveMarkupUrls(string html, Uri baseUrl) =>
        UrlAttribute().Replace(html, m =>
            Uri.TryCreate(baseUrl, m.Groups["url"].Value.Trim(), out var absolute) && absolute.IsAbsoluteUri
                ? m.Groups["lead"].Value + absolute.OriginalString + m.Groups["q"].Value
                : m.Value);

    private static string? ReadConstructText(XElement element)
    {
        if (element.Attribute("src") is not null)
        {
            return null;
        }

        var type = ((string?)element.Attribute("type"))?.Trim().ToLowerInvariant();
        var mode = ((string?)element.Attribute("mode"))?.Trim().ToLowerInvariant();
        if (mode == "base64" || (type is not null && !type.StartsWith("text/", StringComparison.Ordinal) && type.Contains('/', StringComparison.Ordinal)
            && !type.EndsWith("xml", StringComparison.Ordinal) && !element.HasElements))
        {
            return Base64Text(element.Value) ?? Clean(element.Value);
        }

        var isMarkupType = type is null or "xhtml" or "application/xhtml+xml" || type.EndsWith("xml", StringComparison.Ordinal) || mode == "xml";
        return element.HasElements && isMarkupType ? Clean(InnerMarkup(element, type == "xhtml")) : Clean(element.Value);
    }

    private static string? Base64Text(string value)
    {
        try
        {
            return Clean(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(value.Trim())));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    // Atom wraps xhtml content in one <div> that belongs to the container, not to the content.
    private static string InnerMarkup(XElement element, bool unwrapDiv)
    {
        var nodes = element.Nodes().ToList();
        var elements = nodes.OfType<XElement>().ToList();
        if (unwrapDiv && elements.Count == 1 && elements[0].Name.LocalName == "div"
            && nodes.All(n => n is XElement || (n is XText t && string.IsNullOrWhiteSpace(t.Value))))
        {
            nodes = elements[0].Nodes().ToList();
        }

        return string.Concat(nodes.Select(n => WithoutNamespaces(n) is XElement e ? e.ToString(SaveOptions.DisableFormatting) : n.ToString(SaveOptions.DisableFormatting)));
    }

    private static XNode WithoutNamespaces(XNode node) => node is XElement element
        ? new XElement(
            element.Name.LocalName,
            element.Attributes().Where(a => !a.IsNamespaceDeclaration)
                .Select(a => new XAttribute(a.Name.Namespace == XNamespace.None ? a.Name.LocalName : a.Name, a.Value)),
            element.Nodes().Select(WithoutNamespaces))
        : node;

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<lead>\b(?:href|src)\s*=\s*(?<q>[""']))(?<url>[^""'<>]*)\k<q>", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex UrlAttribute();
}
