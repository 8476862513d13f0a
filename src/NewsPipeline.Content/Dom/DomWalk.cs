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

            for (var child = element.LastElementChild; child is not null; child = child.PreviousElementSibling)
            {
                stack.Push(child);
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
        for (var child = element.FirstElementChild; child is not null; child = child.NextElementSibling)
        {
            if (Tags.Block.Contains(child.LocalName))
            {
                return true;
            }
        }

        return false;
    }
}
