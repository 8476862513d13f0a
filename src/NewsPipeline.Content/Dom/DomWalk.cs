using AngleSharp.Dom;

namespace NewsPipeline.Content.Dom;

/// <summary>Iterative traversals (no recursion: a page may nest 100,000 elements).</summary>
internal static class DomWalk
{
    /// <summary>All elements under and including <paramref name="root"/>, in document order.</summary>
    public static List<IElement> PreOrderElements(IElement root, Func<IElement, bool>? descendInto = null)
    {
        var result = new List<IElement>();
        var stack = new Stack<IElement>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            result.Add(element);
            if (descendInto is not null && !descendInto(element))
            {
                continue;
            }

            var children = ChildElements(element);
            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }

        return result;
    }

    public static bool HasAncestor(IElement element, IElement ancestor)
    {
        for (var e = element.ParentElement; e is not null; e = e.ParentElement)
        {
            if (ReferenceEquals(e, ancestor))
            {
                return true;
            }
        }

        return false;
    }

    public static bool HasBlockChild(IElement element)
    {
        foreach (var child in ChildElements(element))
        {
            if (Tags.Block.Contains(child.LocalName))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The element children, read by index from <c>ChildNodes</c>: AngleSharp's sibling properties search the
    /// parent's child list on every step, which turns a menu of 90,000 links into minutes of work.
    /// </summary>
    public static List<IElement> ChildElements(IElement element)
    {
        var nodes = element.ChildNodes;
        var result = new List<IElement>(nodes.Length);
        for (var i = 0; i < nodes.Length; i++)
        {
            if (nodes[i] is IElement child)
            {
                result.Add(child);
            }
        }

        return result;
    }
}
