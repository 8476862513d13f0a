using System.Text;

namespace NewsPipeline.Content.Dom;

/// <summary>
/// Cuts <c>&lt;script&gt;</c> (except JSON-LD) and <c>&lt;style&gt;</c> elements out of the markup before parsing.
/// They are more than half the bytes of a typical news page and never text; skipping them with a vectorised
/// search is far cheaper than tokenising them character by character and then throwing them away.
/// </summary>
internal static class ScriptStripper
{
    public static string Strip(string html)
    {
        StringBuilder? output = null;
        var copied = 0;
        var i = 0;
        while (true)
        {
            var lt = html.IndexOf("<s", i, StringComparison.OrdinalIgnoreCase);
            if (lt < 0)
            {
                break;
            }

            var name = NameAt(html, lt + 1);
            if (name is null)
            {
                i = lt + 2;
                continue;
            }

            var openEnd = html.IndexOf('>', lt);
            if (openEnd < 0)
            {
                break;
            }

            var closeTag = "</" + name;
            var close = html.IndexOf(closeTag, openEnd + 1, StringComparison.OrdinalIgnoreCase);
            if (close < 0)
            {
                break;
            }

            var closeEnd = html.IndexOf('>', close);
            closeEnd = closeEnd < 0 ? html.Length : closeEnd + 1;
            var isJsonLd = name == "script"
                && html.AsSpan(lt, openEnd - lt).IndexOf("ld+json", StringComparison.OrdinalIgnoreCase) >= 0;
            if (!isJsonLd)
            {
                output ??= new StringBuilder(html.Length / 2);
                output.Append(html, copied, lt - copied);
                copied = closeEnd;
            }

            i = closeEnd;
        }

        if (output is null)
        {
            return html;
        }

        output.Append(html, copied, html.Length - copied);
        return output.ToString();
    }

    /// <summary>"script" or "style" when a start tag of that name begins at <paramref name="start"/>.</summary>
    private static string? NameAt(string html, int start)
    {
        foreach (var name in (ReadOnlySpan<string>)["script", "style"])
        {
            var end = start + name.Length;
            if (end < html.Length
                && html.AsSpan(start, name.Length).Equals(name, StringComparison.OrdinalIgnoreCase)
                && (html[end] is '>' or '/' || char.IsWhiteSpace(html[end])))
            {
                return name;
            }
        }

        return null;
    }
}
