using System.Globalization;
using System.Text;
using System.Xml;
using NewsPipeline.Core.Search;
using NewsPipeline.Core.Storage;

namespace NewsPipeline.Web.Feeds;

/// <summary>A saved search as an Atom 1.0 feed of its newest matching events (RFC 4287), for feed readers.</summary>
internal static class SavedSearchAtom
{
    private const string AtomNamespace = "http://www.w3.org/2005/Atom";

    public static byte[] Write(SavedSearch saved, IReadOnlyList<EventRow> rows, Uri selfLink, DateTimeOffset now)
    {
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = false };
        using (var xml = XmlWriter.Create(buffer, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", AtomNamespace);
            xml.WriteElementString("id", AtomNamespace, "urn:newspipeline:saved-search:" + saved.Id);
            xml.WriteElementString("title", AtomNamespace, saved.Name);
            xml.WriteElementString("updated", AtomNamespace, Instant(rows.Count > 0 ? rows.Max(r => r.StoredAt) : now));
            Link(xml, "self", selfLink.ToString());
            xml.WriteStartElement("author", AtomNamespace);
            xml.WriteElementString("name", AtomNamespace, "NewsPipeline");
            xml.WriteEndElement();
            foreach (var row in rows)
            {
                xml.WriteStartElement("entry", AtomNamespace);
                xml.WriteElementString("id", AtomNamespace, "urn:newspipeline:event:" + row.Id);
                xml.WriteElementString("title", AtomNamespace, string.IsNullOrWhiteSpace(row.Summary) ? row.Evidence : row.Summary);
                xml.WriteElementString("updated", AtomNamespace, Instant(row.StoredAt));
                if (row.Published is { } published)
                {
                    xml.WriteElementString("published", AtomNamespace, Instant(published));
                }

                Link(xml, "alternate", row.ArticleUrl);
                // type="text": readers show the evidence as text, never as markup.
                xml.WriteStartElement("summary", AtomNamespace);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(row.Evidence);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return buffer.ToArray();
    }

    private static void Link(XmlWriter xml, string rel, string href)
    {
        xml.WriteStartElement("link", AtomNamespace);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static string Instant(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
