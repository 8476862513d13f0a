using System.Text;
using System.Xml;

namespace NewsPipeline.Ingestion.Parsing;

/// <summary>
/// Last resort for documents cut off in transit or by a broken publisher (a missing final "&gt;", an unterminated
/// CDATA section): copies every node up to the first error and closes the elements still open, so the items
/// that did arrive are not lost.
/// </summary>
internal static class TruncatedXmlRecovery
{
    /// <summary>The well-formed prefix of <paramref name="xml"/> with open elements closed, or null if no element was read.</summary>
    public static string? Recover(string xml)
    {
        var output = new StringBuilder(xml.Length);
        var depth = 0;
        var sawRoot = false;
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { OmitXmlDeclaration = true }))
        using (var reader = XmlReader.Create(new StringReader(xml), FeedDocumentParser.SafeXmlSettings()))
        {
            try
            {
                while (reader.Read())
                {
                    if (reader.Depth >= FeedDocumentParser.MaxDepth)
                    {
                        // Unclosed tags nest every later element inside the first: nothing sensible to recover.
                        return null;
                    }

                    depth = Copy(reader, writer, depth);
                    sawRoot |= reader.NodeType == XmlNodeType.Element;
                    if (sawRoot && depth == 0)
                    {
                        break;
                    }
                }
            }
            catch (XmlException)
            {
                // Everything read before the fault is kept; the writer closes the open elements below.
            }

            if (!sawRoot)
            {
                return null;
            }

            writer.WriteEndDocument();
        }

        return output.ToString();
    }

    private static int Copy(XmlReader reader, XmlWriter writer, int depth)
    {
        switch (reader.NodeType)
        {
            case XmlNodeType.Element:
                var empty = reader.IsEmptyElement;
                writer.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
                writer.WriteAttributes(reader, defattr: false);
                if (empty)
                {
                    writer.WriteEndElement();
                    return depth;
                }

                return depth + 1;
            case XmlNodeType.EndElement:
                writer.WriteFullEndElement();
                return depth - 1;
            case XmlNodeType.Text:
                writer.WriteString(reader.Value);
                return depth;
            case XmlNodeType.CDATA:
                writer.WriteCData(reader.Value);
                return depth;
            case XmlNodeType.Whitespace:
            case XmlNodeType.SignificantWhitespace:
                if (depth > 0)
                {
                    writer.WriteWhitespace(reader.Value);
                }

                return depth;
            default:
                return depth;
        }
    }
}
