using AngleSharp.Dom;
using NewsPipeline.Content.Text;

namespace NewsPipeline.Content.Dom;

/// <summary>Text measures of one element's subtree (see <see cref="TextMeasure"/>).</summary>
internal sealed class NodeStats
{
    public int Text { get; set; }

    public int LinkText { get; set; }

    public int Commas { get; set; }

    public int Paragraphs { get; set; }

    public int Images { get; set; }

    public int ListItems { get; set; }

    public int HeadingText { get; set; }

    public double LinkDensity => Text == 0 ? 0 : Math.Min(1.0, (double)LinkText / Text);
}

/// <summary>
/// Text measures for every element under a root, computed bottom-up without recursion so that
/// pathologically deep pages cannot overflow the stack.
/// </summary>
internal sealed class ElementStats
{
    private static readonly NodeStats Empty = new();
    private readonly Dictionary<IElement, NodeStats> _stats = new(ReferenceEqualityComparer.Instance);

    private ElementStats()
    {
    }

    public NodeStats this[IElement element] => _stats.TryGetValue(element, out var s) ? s : Empty;

    public static ElementStats Compute(IElement root)
    {
        var result = new ElementStats();
        var order = DomWalk.PreOrderElements(root);
        for (var i = order.Count - 1; i >= 0; i--)
        {
            var element = order[i];
            var stats = new NodeStats();
            for (var child = element.FirstChild; child is not null; child = child.NextSibling)
            {
                if (child is IText text)
                {
                    var data = text.Data;
                    stats.Text += TextMeasure.Weigh(data);
                    stats.Commas += TextMeasure.CountCommas(data);
                }
                else if (child is IElement childElement && result._stats.TryGetValue(childElement, out var c))
                {
                    stats.Text += c.Text;
                    stats.LinkText += c.LinkText;
                    stats.Commas += c.Commas;
                    stats.Paragraphs += c.Paragraphs;
                    stats.Images += c.Images;
                    stats.ListItems += c.ListItems;
                    stats.HeadingText += c.HeadingText;
                }
            }

            switch (element.LocalName)
            {
                case "a":
                    stats.LinkText = stats.Text;
                    break;
                case "p":
                    stats.Paragraphs++;
                    break;
                case "img":
                    stats.Images++;
                    break;
                case "li":
                    stats.ListItems++;
                    break;
                case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                    stats.HeadingText = stats.Text;
                    break;
            }

            result._stats[element] = stats;
        }

        return result;
    }
}
