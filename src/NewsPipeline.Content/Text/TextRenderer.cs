using AngleSharp.Dom;
using NewsPipeline.Content.Dom;

namespace NewsPipeline.Content.Text;

/// <summary>
/// Turns DOM subtrees into text blocks (paragraphs, headings, list items, table rows), iteratively.
/// Elements in the skip set are left out with their whole subtree.
/// </summary>
internal static class TextRenderer
{
    public static List<TextBlock> Render(IEnumerable<IElement> roots, IReadOnlySet<IElement>? skip = null)
    {
        var state = new RenderState();
        foreach (var root in roots)
        {
            RenderOne(root, skip, state);
            state.Flush(null);
        }

        return state.Blocks;
    }

    private static void RenderOne(IElement root, IReadOnlySet<IElement>? skip, RenderState state)
    {
        // Each entry is a node to enter, or (with Exit set) an element whose end tag has been reached.
        var stack = new Stack<(INode Node, bool Exit)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, exit) = stack.Pop();
            if (node is IText text)
            {
                state.Paragraph.Append(text.Data, state.PreDepth > 0, state.LinkDepth > 0);
                continue;
            }

            if (node is not IElement element)
            {
                continue;
            }

            var name = element.LocalName;
            if (exit)
            {
                Leave(element, name, state);
                continue;
            }

            if (skip is not null && skip.Contains(element))
            {
                continue;
            }

            if (Tags.NeverContent.Contains(name))
            {
                continue;
            }

            Enter(element, name, state);
            stack.Push((element, true));
            // By index: AngleSharp's PreviousSibling searches the parent's child list (quadratic on huge menus).
            var children = element.ChildNodes;
            for (var c = children.Length - 1; c >= 0; c--)
            {
                stack.Push((children[c], false));
            }
        }
    }

    private static void Enter(IElement element, string name, RenderState state)
    {
        switch (name)
        {
            case "br":
                if (state.Paragraph.EndsWithLineBreak)
                {
                    state.Flush(state.Owner);
                }
                else
                {
                    state.Paragraph.LineBreak();
                }

                return;
            case "td" or "th":
                state.Paragraph.Separate();
                return;
            case "a":
                state.LinkDepth++;
                return;
            case "pre" or "xmp" or "listing" or "plaintext":
                state.Flush(state.Owner);
                state.PreDepth++;
                state.Owner = element;
                return;
        }

        if (Tags.Block.Contains(name))
        {
            state.Flush(state.Owner);
            state.Owners.Push(state.Owner);
            state.Owner = element;
        }
    }

    private static void Leave(IElement element, string name, RenderState state)
    {
        switch (name)
        {
            case "a":
                state.LinkDepth--;
                return;
            case "td" or "th":
                state.Paragraph.Separate();
                return;
            case "pre" or "xmp" or "listing" or "plaintext":
                state.Flush(element);
                state.PreDepth--;
                return;
        }

        if (Tags.Block.Contains(name))
        {
            state.Flush(element);
            state.Owner = state.Owners.Count > 0 ? state.Owners.Pop() : null;
        }
    }

    private sealed class RenderState
    {
        public ParagraphBuilder Paragraph { get; } = new();

        public List<TextBlock> Blocks { get; } = [];

        public Stack<IElement?> Owners { get; } = new();

        public IElement? Owner { get; set; }

        public int LinkDepth { get; set; }

        public int PreDepth { get; set; }

        public void Flush(IElement? owner)
        {
            if (Paragraph.IsEmpty)
            {
                return;
            }

            var (text, weight, linkWeight) = Paragraph.Take();
            if (text.Length == 0)
            {
                return;
            }

            Blocks.Add(new TextBlock(text, KindOf(owner), owner, weight, linkWeight));
        }

        private BlockKind KindOf(IElement? owner)
        {
            if (PreDepth > 0)
            {
                return BlockKind.Preformatted;
            }

            // A few levels are enough to tell a list item from a paragraph; a full walk would be quadratic on deep pages.
            var levels = 0;
            for (var e = owner; e is not null && levels < 6; e = e.ParentElement, levels++)
            {
                switch (e.LocalName)
                {
                    case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                        return BlockKind.Heading;
                    case "li" or "dt" or "dd":
                        return BlockKind.ListItem;
                    case "tr":
                        return BlockKind.TableRow;
                    case "p" or "blockquote" or "article" or "section" or "main" or "body":
                        return BlockKind.Paragraph;
                }
            }

            return BlockKind.Paragraph;
        }
    }
}
