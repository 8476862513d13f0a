using AngleSharp.Dom;
using NewsPipeline.Content.Dom;

namespace NewsPipeline.Content.Scoring;

/// <summary>
/// Picks the subtrees inside the chosen content that are furniture after all: link lists, share bars, galleries,
/// link-heavy headings (Readability's conditional cleaning). The DOM is not changed; the result is a skip set.
/// </summary>
internal sealed class ContentPruner(ClassHints hints)
{
    public HashSet<IElement> Prune(ContentSelection selection, ElementStats stats)
    {
        var skip = new HashSet<IElement>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<IElement>();
        foreach (var root in selection.Roots)
        {
            // Parents are decided before their children, and a pruned subtree is not entered.
            PushChildren(stack, root);
            while (stack.Count > 0)
            {
                var element = stack.Pop();
                if (ShouldPrune(element, selection, stats))
                {
                    skip.Add(element);
                    continue;
                }

                PushChildren(stack, element);
            }
        }

        return skip;
    }

    private static void PushChildren(Stack<IElement> stack, IElement element)
    {
        var children = DomWalk.ChildElements(element);
        for (var i = children.Count - 1; i >= 0; i--)
        {
            stack.Push(children[i]);
        }
    }

    private bool ShouldPrune(IElement element, ContentSelection selection, ElementStats stats)
    {
        var name = element.LocalName;
        var s = stats[element];
        if (Tags.Headings.Contains(name))
        {
            return hints.Weight(element) < 0 || s.LinkDensity > 0.33;
        }

        if (!Tags.Prunable.Contains(name) || ClassHints.IsArticleBodyMarker(element))
        {
            return false;
        }

        var weight = hints.Weight(element);
        var score = selection.Scores.TryGetValue(element, out var sc) ? sc : 0;
        if (weight + score < 0)
        {
            return true;
        }

        if (s.Commas >= 10)
        {
            return false;
        }

        var isList = name is "ul" or "ol" or "dl" || (s.ListItems > 0 && s.Paragraphs == 0 && s.HeadingText * 10 < s.Text && IsMostlyList(element, stats));
        var linkDensity = s.LinkDensity;
        if (isList)
        {
            return linkDensity > 0.5;
        }

        var headingDensity = s.Text == 0 ? 0 : (double)s.HeadingText / s.Text;
        return (s.Images > 1 && (double)s.Paragraphs / s.Images < 0.5 && s.Text < 200)
            || (headingDensity < 0.9 && s.Text < 25 && (s.Images == 0 || s.Images > 2) && linkDensity > 0)
            || (weight < 25 && linkDensity > 0.2 && s.Text < 1000 * (1 - linkDensity))
            || (weight >= 25 && linkDensity > 0.5);
    }

    private static bool IsMostlyList(IElement element, ElementStats stats)
    {
        var listText = 0;
        foreach (var child in DomWalk.ChildElements(element))
        {
            if (child.LocalName is "ul" or "ol")
            {
                listText += stats[child].Text;
            }
        }

        return listText > stats[element].Text * 0.9;
    }
}
