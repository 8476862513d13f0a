using System.Collections.Frozen;
using System.Text;

namespace NewsPipeline.Content.Dom;

/// <summary>
/// Flattens pathologically deep markup before parsing. HTML tree construction looks through the stack of open
/// elements for every start tag, so 100,000 unclosed elements cost billions of steps; browsers cap the depth too.
/// Start tags beyond <see cref="MaxDepth"/> become spaces (and so do their end tags), keeping all the text.
/// </summary>
internal static class NestingLimiter
{
    public const int MaxDepth = 2_000;

    private static readonly FrozenSet<string> VoidElements = FrozenSet.ToFrozenSet(
        ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "!doctype"],
        StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> RawText = FrozenSet.ToFrozenSet(
        ["script", "style", "textarea", "title", "xmp", "noscript", "iframe", "noembed", "noframes", "plaintext"],
        StringComparer.OrdinalIgnoreCase);

    public static string Limit(string html)
    {
        return Scan(html, rewrite: null) ? Rewrite(html) : html;
    }

    private static string Rewrite(string html)
    {
        var output = new StringBuilder(html.Length);
        Scan(html, output);
        return output.ToString();
    }

    /// <summary>Walks the tags; returns whether the depth limit was exceeded. With an output, copies all but the excess tags.</summary>
    private static bool Scan(string html, StringBuilder? rewrite)
    {
        var depth = 0;
        var dropped = 0;
        var exceeded = false;
        var i = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0)
            {
                rewrite?.Append(html, i, html.Length - i);
                break;
            }

            rewrite?.Append(html, i, lt - i);
            var end = TagEnd(html, lt);
            var (name, closing, selfClosing) = ReadTag(html, lt, end);
            var keep = true;
            if (name.Length > 0 && !VoidElements.Contains(name) && !name.StartsWith('!'))
            {
                if (closing)
                {
                    if (dropped > 0 && depth >= MaxDepth)
                    {
                        dropped--;
                        keep = false;
                    }
                    else if (depth > 0)
                    {
                        depth--;
                    }
                }
                else if (!selfClosing)
                {
                    if (depth >= MaxDepth)
                    {
                        exceeded = true;
                        dropped++;
                        keep = false;
                        if (rewrite is null)
                        {
                            return true;
                        }
                    }
                    else
                    {
                        depth++;
                    }
                }
            }

            if (keep)
            {
                rewrite?.Append(html, lt, end - lt);
            }
            else
            {
                // The dropped tag may have separated two words.
                rewrite?.Append(' ');
            }

            i = end;
            if (!closing && RawText.Contains(name))
            {
                // Copy raw text up to the matching end tag untouched: a '<' inside a script is not a tag.
                var close = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                var stop = close < 0 ? html.Length : close;
                rewrite?.Append(html, i, stop - i);
                i = stop;
            }
        }

        return exceeded;
    }

    private static int TagEnd(string html, int lt)
    {
        if (string.CompareOrdinal(html, lt, "<!--", 0, 4) == 0)
        {
            var close = html.IndexOf("-->", lt + 4, StringComparison.Ordinal);
            return close < 0 ? html.Length : close + 3;
        }

        var gt = html.IndexOf('>', lt + 1);
        return gt < 0 ? html.Length : gt + 1;
    }

    private static (string Name, bool Closing, bool SelfClosing) ReadTag(string html, int lt, int end)
    {
        var p = lt + 1;
        var closing = p < end && html[p] == '/';
        if (closing)
        {
            p++;
        }

        var start = p;
        while (p < end && (char.IsAsciiLetterOrDigit(html[p]) || html[p] is '!' or '-' or ':'))
        {
            p++;
        }

        if (p == start || (!closing && !char.IsAsciiLetter(html[start]) && html[start] != '!'))
        {
            return (string.Empty, false, false);
        }

        var selfClosing = end - 2 > lt && html[end - 1] == '>' && html[end - 2] == '/';
        return (html[start..p], closing, selfClosing);
    }
}
