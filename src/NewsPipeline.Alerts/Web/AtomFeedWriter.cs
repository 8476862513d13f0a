using System.Globalization;
using System.Text;
using System.Xml;
using NewsPipeline.Alerts.Payload;
using NewsPipeline.Core.Alerts;

namespace NewsPipeline.Alerts.Web;

/// <summary>An RFC 4287 Atom feed of a subscription's published alerts, newest first; entry ids are the alert ids.</summary>
public static class AtomFeedWriter
{
    private const string AtomNamespace = "http://www.w3.org/2005/Atom";

    public static string Write(AlertSubscription subscription, IReadOnlyList<AlertDelivery> published, Uri self, DateTimeOffset now)
    {
        var output = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8, OmitXmlDeclaration = false };
        using (var writer = XmlWriter.Create(output, settings))
        {
            writer.WriteStartElement("feed", AtomNamespace);
            writer.WriteElementString("id", AtomNamespace, "urn:newspipeline:alerts:" + subscription.Name);
            writer.WriteElementString("title", AtomNamespace, "NewsPipeline alerts: " + subscription.Name);
            var updated = published.Count > 0 ? published.Max(d => d.CreatedAt) : subscription.CreatedAt == default ? now : subscription.CreatedAt;
            writer.WriteElementString("updated", AtomNamespace, Instant(updated));
            writer.WriteStartElement("link", AtomNamespace);
            writer.WriteAttributeString("rel", "self");
            writer.WriteAttributeString("href", self.AbsoluteUri);
            writer.WriteEndElement();
            writer.WriteStartElement("author", AtomNamespace);
            writer.WriteElementString("name", AtomNamespace, "NewsPipeline");
            writer.WriteEndElement();
            foreach (var delivery in published.OrderByDescending(d => d.CreatedAt).ThenBy(d => d.AlertId, StringComparer.Ordinal))
            {
                var alert = AlertPayload.Of(delivery);
                writer.WriteStartElement("entry", AtomNamespace);
                writer.WriteElementString("id", AtomNamespace, "urn:newspipeline:alert:" + alert.AlertId);
                writer.WriteElementString("title", AtomNamespace, AlertText.Headline(alert));
                writer.WriteElementString("updated", AtomNamespace, Instant(delivery.CreatedAt));
                foreach (var source in alert.Sources)
                {
                    writer.WriteStartElement("link", AtomNamespace);
                    writer.WriteAttributeString("rel", "related");
                    writer.WriteAttributeString("href", source.Url);
                    writer.WriteAttributeString("hreflang", source.Language);
                    writer.WriteEndElement();
                }

                writer.WriteStartElement("content", AtomNamespace);
                writer.WriteAttributeString("type", "html");
                writer.WriteString(AlertText.Html(alert));
                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        // StringBuilder output is UTF-16; the declaration must name what is served.
        return output.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    private static string Instant(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
