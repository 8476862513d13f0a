using System.Xml.Linq;
using NewsPipeline.Core.Feeds;

namespace NewsPipeline.Ingestion.Parsing;

/// <summary>
/// Media RSS (media:content, media:thumbnail, media:group, media:title, media:description) in RSS and Atom items alike.
/// Elements are recognised by namespace, whatever prefix declares it (repair binds an undeclared "media:" prefix),
/// and a title or description applies to the objects in its scope: the object's own, else its group's, else the item's.
/// </summary>
internal static class MediaReader
{
    // The specification's namespace; early feeds omit the trailing slash.
    private static bool IsMedia(XElement e) =>
        e.Name.NamespaceName.StartsWith("http://search.yahoo.com/mrss", StringComparison.OrdinalIgnoreCase);

    public static IReadOnlyList<FeedMedia> Read(XElement item, Uri documentUrl)
    {
        var found = new List<FeedMedia>();
        var itemScope = new Scope(Text(item, "title"), Text(item, "description"));
        foreach (var element in item.Elements().Where(IsMedia))
        {
            if (element.Name.LocalName == "group")
            {
                var groupScope = new Scope(Text(element, "title") ?? itemScope.Title, Text(element, "description") ?? itemScope.Description);
                foreach (var member in element.Elements().Where(IsMedia))
                {
                    AddObject(member, groupScope, documentUrl, found);
                }
            }
            else
            {
                AddObject(element, itemScope, documentUrl, found);
            }
        }

        return found.DistinctBy(m => (m.Url.AbsoluteUri, m.Kind)).ToList();
    }

    /// <summary>A media:title or media:description of the item or of its first group, for items that have no text of their own.</summary>
    public static string? ItemText(XElement item, string localName) =>
        Text(item, localName) ?? item.Elements().Where(e => IsMedia(e) && e.Name.LocalName == "group").Select(g => Text(g, localName)).FirstOrDefault(t => t is not null);

    private static void AddObject(XElement element, Scope scope, Uri documentUrl, List<FeedMedia> found)
    {
        if (element.Name.LocalName is not ("content" or "thumbnail"))
        {
            return;
        }

        var own = new Scope(Text(element, "title") ?? scope.Title, Text(element, "description") ?? scope.Description);
        if (XmlItemReader.Resolve(element, (string?)element.Attribute("url"), documentUrl) is { Scheme: "http" or "https" } url)
        {
            found.Add(new FeedMedia(url, element.Name.LocalName, Attribute(element, "type"), Attribute(element, "medium"), own.Title, own.Description));
        }

        // A media:content may carry its own thumbnails.
        foreach (var thumbnail in element.Elements().Where(e => IsMedia(e) && e.Name.LocalName == "thumbnail"))
        {
            AddObject(thumbnail, own, documentUrl, found);
        }
    }

    private static string? Text(XElement parent, string localName) =>
        parent.Elements().Where(e => IsMedia(e) && e.Name.LocalName == localName).Select(e => XmlItemReader.Clean(e.Value)).FirstOrDefault(v => v is not null);

    private static string? Attribute(XElement element, string name) => XmlItemReader.Clean((string?)element.Attribute(name));

    private sealed record Scope(string? Title, string? Description);
}
