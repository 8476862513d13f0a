using AngleSharp.Dom;
using NewsPipeline.Content.Dom;

namespace NewsPipeline.Content.Scoring;

/// <summary>The elements chosen as the main content and the evidence for them.</summary>
/// <param name="Roots">The top candidate with the siblings that belong to it, in document order.</param>
/// <param name="Scores">Candidate scores, reused by the pruner.</param>
internal sealed record ContentSelection(
    IReadOnlyList<IElement> Roots,
    IElement TopCandidate,
    double TopScore,
    IReadOnlyDictionary<IElement, double> Scores);

/// <summary>
/// Scores containers by the paragraphs they hold (text length, commas, link density), boosted by class/id and
/// microdata hints and by <c>&lt;article&gt;</c>/<c>&lt;main&gt;</c>; the best container and its related siblings
/// are the main content. The scheme follows Readability's, made iterative and script-neutral.
/// </summary>
internal sealed class MainContentScorer(ClassHints hints)
{
    private const int MinParagraphText = 25;
    private const int AncestorLevels = 5;
    private const double AlternativeRatio = 0.75;
    private const int AlternativesForAncestor = 3;

    public ContentSelection Select(IElement body, ElementStats stats)
    {
        var scores = new Dictionary<IElement, double>(ReferenceEqualityComparer.Instance);
        foreach (var element in DomWalk.PreOrderElements(body))
        {
            if (!IsParagraph(element))
            {
                continue;
            }

            var s = stats[element];
            if (s.Text < MinParagraphText)
            {
                continue;
            }

            // Link-heavy "paragraphs" (menus, teaser lists) lend little weight to their containers.
            var contentScore = (1 + s.Commas + Math.Min(s.Text / 100, 3)) * (1 - s.LinkDensity);
            var ancestor = element.ParentElement;
            for (var level = 0; level < AncestorLevels && ancestor is not null; level++, ancestor = ancestor.ParentElement)
            {
                if (ancestor.LocalName is "html")
                {
                    break;
                }

                if (!scores.TryGetValue(ancestor, out var current))
                {
                    current = InitialScore(ancestor);
                }

                var divider = level switch { 0 => 1.0, 1 => 2.0, _ => level * 3.0 };
                scores[ancestor] = current + (contentScore / divider);
            }
        }

        if (scores.Count == 0)
        {
            return new ContentSelection([body], body, 0, scores);
        }

        foreach (var key in scores.Keys.ToList())
        {
            scores[key] *= 1 - stats[key].LinkDensity;
        }

        var ranked = scores.OrderByDescending(p => p.Value).Take(5).ToList();
        var top = ranked[0].Key;
        var topScore = ranked[0].Value;
        top = PreferSharedAncestor(top, topScore, ranked, body);
        top = ClimbWhileScoreGrows(top, scores, body);
        while (top.ParentElement is { } parent && !ReferenceEquals(parent, body) && parent.ChildElementCount == 1)
        {
            top = parent;
        }

        topScore = scores.TryGetValue(top, out var s2) ? s2 : topScore;
        var roots = ReferenceEquals(top, body) ? [body] : WithSiblings(top, topScore, scores, stats);
        return new ContentSelection(roots, top, topScore, scores);
    }

    private static bool IsParagraph(IElement element) =>
        Tags.ParagraphLike.Contains(element.LocalName)
        || (Tags.Containers.Contains(element.LocalName) && !DomWalk.HasBlockChild(element));

    private double InitialScore(IElement element)
    {
        var score = element.LocalName switch
        {
            "div" => 5.0,
            "article" => 10.0,
            "main" => 5.0,
            "pre" or "td" or "blockquote" => 3.0,
            "address" or "ol" or "ul" or "dl" or "dd" or "dt" or "li" or "form" => -3.0,
            "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "th" => -5.0,
            _ => 0.0,
        };
        if (string.Equals(element.GetAttribute("role"), "main", StringComparison.OrdinalIgnoreCase))
        {
            score += 5;
        }

        return score + hints.Weight(element);
    }

    /// <summary>When several near-best candidates sit under one ancestor, the article is that ancestor.</summary>
    private static IElement PreferSharedAncestor(
        IElement top, double topScore, List<KeyValuePair<IElement, double>> ranked, IElement body)
    {
        var alternatives = ranked.Skip(1).Where(p => p.Value / topScore >= AlternativeRatio).Select(p => p.Key).ToList();
        if (alternatives.Count < AlternativesForAncestor)
        {
            return top;
        }

        for (var parent = top.ParentElement; parent is not null && !ReferenceEquals(parent, body); parent = parent.ParentElement)
        {
            var containing = alternatives.Count(a => DomWalk.HasAncestor(a, parent));
            if (containing >= AlternativesForAncestor)
            {
                return parent;
            }
        }

        return top;
    }

    private static IElement ClimbWhileScoreGrows(IElement top, Dictionary<IElement, double> scores, IElement body)
    {
        var lastScore = scores.TryGetValue(top, out var s) ? s : 0;
        var threshold = lastScore / 3;
        for (var parent = top.ParentElement; parent is not null && !ReferenceEquals(parent, body); parent = parent.ParentElement)
        {
            if (!scores.TryGetValue(parent, out var parentScore))
            {
                continue;
            }

            if (parentScore < threshold)
            {
                break;
            }

            if (parentScore > lastScore)
            {
                return parent;
            }

            lastScore = parentScore;
        }

        return top;
    }

    private static List<IElement> WithSiblings(
        IElement top, double topScore, Dictionary<IElement, double> scores, ElementStats stats)
    {
        var parent = top.ParentElement;
        if (parent is null)
        {
            return [top];
        }

        var threshold = Math.Max(10, topScore * 0.2);
        var topClass = top.GetAttribute("class");
        var roots = new List<IElement>();
        foreach (var sibling in DomWalk.ChildElements(parent))
        {
            if (ReferenceEquals(sibling, top))
            {
                roots.Add(sibling);
                continue;
            }

            var bonus = !string.IsNullOrEmpty(topClass)
                && string.Equals(sibling.GetAttribute("class"), topClass, StringComparison.Ordinal) ? topScore * 0.2 : 0;
            if (scores.TryGetValue(sibling, out var score) && score + bonus >= threshold)
            {
                roots.Add(sibling);
                continue;
            }

            if (sibling.LocalName is "p")
            {
                var s = stats[sibling];
                var text = sibling.TextContent;
                if ((s.Text > 80 && s.LinkDensity < 0.25)
                    || (s.Text is > 0 and <= 80 && s.LinkText == 0 && EndsSentence(text)))
                {
                    roots.Add(sibling);
                }
            }
        }

        return roots;
    }

    private static bool EndsSentence(string text)
    {
        var trimmed = text.TrimEnd();
        return trimmed.Length > 0 && trimmed[^1] is '.' or '!' or '?' or '。' or '！' or '？' or '…';
    }
}
