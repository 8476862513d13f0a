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
            // Indexing ChildNodes, not NextSibling: AngleSharp finds a sibling by searching the parent's list,
            // which made a 5 MB menu of 90,000 links quadratic.
            var children = element.ChildNodes;
            for (var c = 0; c < children.Length; c++)
            {
                var child = children[c];
                if (child is IText text)
                {
                    var data = text.Data;
                    stats.Text += TextMeasure.Weigh(data);
                    stats.Commas += TextMeasure.CountCommas(data);
                }
                else if (child is IElement childElement && result._stats.TryGetValue(childElement, out var sub))
                {
                    stats.Text += sub.Text;
                    stats.LinkText += sub.LinkText;
                    stats.Commas += sub.Commas;
                    stats.Paragraphs += sub.Paragraphs;
                    stats.Images += sub.Images;
                    stats.ListItems += sub.ListItems;
                    stats.HeadingText += sub.HeadingText;
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
