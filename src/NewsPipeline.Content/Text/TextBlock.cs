using AngleSharp.Dom;

namespace NewsPipeline.Content.Text;

internal enum BlockKind
{
    Paragraph,
    Heading,
    ListItem,
    TableRow,
    Preformatted,
}

/// <summary>One rendered line or paragraph of text and the block element it came from.</summary>
/// <param name="Weight">Length in <see cref="TextMeasure"/> units.</param>
/// <param name="LinkWeight">Part of <paramref name="Weight"/> inside links.</param>
internal sealed record TextBlock(string Text, BlockKind Kind, IElement? Owner, int Weight, int LinkWeight)
{
    public double LinkDensity => Weight == 0 ? 0 : Math.Min(1.0, (double)LinkWeight / Weight);
}
