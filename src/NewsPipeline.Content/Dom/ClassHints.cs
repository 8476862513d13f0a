using System.Buffers;
using AngleSharp.Dom;
using NewsPipeline.Content.Lexicon;

namespace NewsPipeline.Content.Dom;

/// <summary>What an element's class, id and microdata say about it, from the lexicon's multilingual hint lists.</summary>
internal sealed class ClassHints
{
    // Multi-string searchers: one pass over a class attribute instead of one Contains per hint.
    private readonly SearchValues<string> _negative;
    private readonly SearchValues<string> _positive;
    private readonly SearchValues<string> _weakNegative;

    public ClassHints(ContentLexicon lexicon)
    {
        _negative = SearchValues.Create(lexicon.NegativeClassHints.ToArray(), StringComparison.Ordinal);
        _positive = SearchValues.Create(lexicon.PositiveClassHints.ToArray(), StringComparison.Ordinal);
        _weakNegative = SearchValues.Create(lexicon.WeakNegativeClassHints.ToArray(), StringComparison.Ordinal);
    }

    public static string Signature(IElement element)
    {
        var className = element.GetAttribute("class");
        var id = element.Id;
        if (string.IsNullOrEmpty(className) && string.IsNullOrEmpty(id))
        {
            return string.Empty;
        }

        return string.Concat(className, " ", id).ToLowerInvariant();
    }

    public bool IsNegative(string signature) =>
        signature.Length > 0 && signature.AsSpan().IndexOfAny(_negative) >= 0;

    public bool IsPositive(string signature) =>
        signature.Length > 0 && signature.AsSpan().IndexOfAny(_positive) >= 0;

    /// <summary>Readability-style class weight: -25 for furniture hints, +25 for content hints, -10 for weak hints.</summary>
    public int Weight(IElement element)
    {
        var signature = Signature(element);
        var weight = 0;
        if (signature.Length > 0)
        {
            if (IsNegative(signature))
            {
                weight -= 25;
            }
            else if (signature.AsSpan().IndexOfAny(_weakNegative) >= 0)
            {
                weight -= 10;
            }

            if (IsPositive(signature))
            {
                weight += 25;
            }
        }

        if (IsArticleBodyMarker(element))
        {
            weight += 50;
        }

        return weight;
    }

    /// <summary>Microdata or class naming the element as the article body.</summary>
    public static bool IsArticleBodyMarker(IElement element)
    {
        var itemprop = element.GetAttribute("itemprop");
        return itemprop is not null && itemprop.Contains("articleBody", StringComparison.OrdinalIgnoreCase);
    }
}
