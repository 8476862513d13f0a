using System.Collections.Frozen;

namespace NewsPipeline.Content.Dom;

/// <summary>The HTML element names the extractor treats specially.</summary>
internal static class Tags
{
    /// <summary>Elements that never hold article text.</summary>
    public static readonly FrozenSet<string> NeverContent = FrozenSet.ToFrozenSet(
        [
            "script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "object", "embed", "applet",
            "button", "select", "input", "textarea", "option", "datalist", "link", "meta", "head", "title", "audio", "video",
            "source", "track", "map", "dialog", "frameset", "frame", "label",
            // Ruby annotations (furigana) are pronunciation hints, not part of the sentence.
            "rt", "rp",
        ],
        StringComparer.Ordinal);

    /// <summary>Elements that are page furniture by their semantics, unless they wrap most of the page.</summary>
    public static readonly FrozenSet<string> Furniture = FrozenSet.ToFrozenSet(
        ["nav", "aside", "footer", "header", "menu"],
        StringComparer.Ordinal);

    /// <summary>ARIA roles of page furniture.</summary>
    public static readonly FrozenSet<string> FurnitureRoles = FrozenSet.ToFrozenSet(
        ["navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "search", "menu", "menubar", "toolbar", "tablist"],
        StringComparer.Ordinal);

    /// <summary>Elements that start a new line of text when rendered.</summary>
    public static readonly FrozenSet<string> Block = FrozenSet.ToFrozenSet(
        [
            "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dir", "div", "dl", "dt",
            "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
            "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot",
            "tr", "ul", "caption", "html", "legend", "listing", "plaintext", "xmp",
        ],
        StringComparer.Ordinal);

    public static readonly FrozenSet<string> Headings = FrozenSet.ToFrozenSet(
        ["h1", "h2", "h3", "h4", "h5", "h6"],
        StringComparer.Ordinal);

    /// <summary>Elements whose text the scorer credits to their ancestors as a paragraph.</summary>
    public static readonly FrozenSet<string> ParagraphLike = FrozenSet.ToFrozenSet(
        ["p", "pre", "td", "blockquote", "dd"],
        StringComparer.Ordinal);

    /// <summary>Generic containers that count as a paragraph when they hold no block children.</summary>
    public static readonly FrozenSet<string> Containers = FrozenSet.ToFrozenSet(
        ["div", "section", "article", "main", "center", "font", "span"],
        StringComparer.Ordinal);

    /// <summary>Elements the pruner examines inside the chosen content (readability's "conditional cleaning").</summary>
    public static readonly FrozenSet<string> Prunable = FrozenSet.ToFrozenSet(
        ["div", "section", "table", "ul", "ol", "dl", "form", "figure", "header", "footer", "center"],
        StringComparer.Ordinal);
}
