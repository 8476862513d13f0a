using AngleSharp.Dom;

namespace NewsPipeline.Content.Dom;

/// <summary>
/// Removes what can never be article text (scripts, forms controls, hidden elements) and furniture recognised by
/// structure (nav, aside, footer, ARIA roles) or by class/id hints. An element holding most of the page's text is
/// kept whatever its name says: sites wrap whole pages in containers with misleading classes.
/// </summary>
internal enum CleaningMode
{
    /// <summary>Structure, visibility and class/id hints.</summary>
    Full,

    /// <summary>Structure and visibility only: class names mislead on some sites ("with-sidebar" on the page wrapper).</summary>
    StructureOnly,

    /// <summary>Only elements that never hold text (scripts, styles, form controls): the last resort for recall.</summary>
    Minimal,
}

internal sealed class PageCleaner(ClassHints hints)
{
    private const double WrapperShare = 0.6;
    private const double PositiveWrapperShare = 0.3;

    /// <summary>Removes non-content elements and returns how many subtrees were removed.</summary>
    public int Clean(IElement body, CleaningMode mode)
    {
        if (mode == CleaningMode.Minimal)
        {
            return RemoveWhere(body, static e => Tags.NeverContent.Contains(e.LocalName));
        }

        // Pass 1: drop what is never content, before measuring, so that script text does not count.
        var removed = RemoveWhere(body, static e => Tags.NeverContent.Contains(e.LocalName) || IsHidden(e));
        var stats = ElementStats.Compute(body);
        var total = Math.Max(1, stats[body].Text);
        var holdsArticle = AncestorsOfMajorArticles(body, stats, total);
        removed += RemoveWhere(body, e =>
        {
            var share = (double)stats[e].Text / total;
            if (share > WrapperShare || ClassHints.IsArticleBodyMarker(e) || holdsArticle.Contains(e))
            {
                return false;
            }

            if (Tags.Furniture.Contains(e.LocalName) || IsFurnitureRole(e))
            {
                return true;
            }

            if (mode != CleaningMode.Full)
            {
                return false;
            }

            var signature = ClassHints.Signature(e);
            return hints.IsNegative(signature) && !(share > PositiveWrapperShare && hints.IsPositive(signature))
                && e.LocalName is not ("a" or "body" or "html");
        });
        return removed;
    }

    /// <summary>
    /// Elements that wrap an &lt;article&gt;, &lt;main&gt; or articleBody holding a good part of the page's text: a class
    /// such as "with-sidebar" on such a wrapper describes the layout, not the wrapper.
    /// </summary>
    private static HashSet<IElement> AncestorsOfMajorArticles(IElement body, ElementStats stats, int total)
    {
        var result = new HashSet<IElement>(ReferenceEqualityComparer.Instance);
        foreach (var element in DomWalk.PreOrderElements(body))
        {
            var isMarker = element.LocalName is "article" or "main" || ClassHints.IsArticleBodyMarker(element)
                || string.Equals(element.GetAttribute("role"), "main", StringComparison.OrdinalIgnoreCase);
            if (!isMarker || stats[element].Text < total / 4)
            {
                continue;
            }

            for (var e = element; e is not null && result.Add(e); e = e.ParentElement)
            {
            }
        }

        return result;
    }

    private static int RemoveWhere(IElement root, Func<IElement, bool> shouldRemove)
    {
        var doomed = new List<IElement>();
        var stack = new Stack<IElement>();
        var rootChildren = DomWalk.ChildElements(root);
        for (var i = rootChildren.Count - 1; i >= 0; i--)
        {
            stack.Push(rootChildren[i]);
        }

        while (stack.Count > 0)
        {
            var element = stack.Pop();
            if (shouldRemove(element))
            {
                doomed.Add(element);
                continue;
            }

            var children = DomWalk.ChildElements(element);
            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }

        foreach (var element in doomed)
        {
            element.Remove();
        }

        return doomed.Count;
    }

    private static bool IsFurnitureRole(IElement element)
    {
        var role = element.GetAttribute("role");
        return role is not null && Tags.FurnitureRoles.Contains(role.Trim().ToLowerInvariant());
    }

    private static bool IsHidden(IElement element)
    {
        if (element.HasAttribute("hidden"))
        {
            return true;
        }

        var ariaHidden = element.GetAttribute("aria-hidden");
        if (ariaHidden is not null && ariaHidden.Trim().Equals("true", StringComparison.OrdinalIgnoreCase)
            && element.LocalName is not ("body" or "html" or "main" or "article"))
        {
            return true;
        }

        var style = element.GetAttribute("style");
        if (style is null || style.Length == 0)
        {
            return false;
        }

        var compact = style.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        return compact.Contains("display:none", StringComparison.Ordinal)
            || compact.Contains("visibility:hidden", StringComparison.Ordinal);
    }
}
