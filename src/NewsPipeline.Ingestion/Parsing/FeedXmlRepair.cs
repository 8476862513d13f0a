using System.Collections.Frozen;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using NewsPipeline.Core.Text;

namespace NewsPipeline.Ingestion.Parsing;

/// <summary>
/// Turns the XML that publishers really send into well-formed XML before any parser sees it:
/// noise before the root and after its end tag is dropped, the prolog (declaration, DOCTYPE, comments) is removed
/// so that no entity is ever expanded and no external DTD fetched, HTML named entities become numeric references,
/// bare ampersands are escaped, characters XML forbids are removed, and undeclared well-known prefixes are declared.
/// </summary>
internal static partial class FeedXmlRepair
{
    private static readonly FrozenDictionary<string, string> WellKnownNamespaces = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["dc"] = "http://purl.org/dc/elements/1.1/",
        ["dcterms"] = "http://purl.org/dc/terms/",
        ["content"] = "http://purl.org/rss/1.0/modules/content/",
        ["atom"] = "http://www.w3.org/2005/Atom",
        ["media"] = "http://search.yahoo.com/mrss/",
        ["itunes"] = "http://www.itunes.com/dtds/podcast-1.0.dtd",
        ["rdf"] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        ["slash"] = "http://purl.org/rss/1.0/modules/slash/",
        ["sy"] = "http://purl.org/rss/1.0/modules/syndication/",
        ["wfw"] = "http://wellformedweb.org/CommentAPI/",
        ["georss"] = "http://www.georss.org/georss",
        ["xhtml"] = "http://www.w3.org/1999/xhtml",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The repaired document, or null when it holds no element at all (only comments, text or nothing).</summary>
    public static string? Repair(string text)
    {
        var withoutInvalid = RemoveInvalidCharacters(text);
        var (rootStart, rootName) = FindRoot(withoutInvalid);
        if (rootStart < 0)
        {
            return null;
        }

        var body = CutAfterRootEnd(withoutInvalid[rootStart..], rootName);
        var escaped = RepairLooseCharacters(body);
        return DeclareMissingPrefixes(escaped);
    }

    /// <summary>
    /// Second chance for RSS that puts raw HTML (an unclosed &lt;br&gt;, a stray &lt;p&gt;) in its HTML-bearing elements:
    /// their content is wrapped in CDATA so the rest of the feed still parses. Used only when the repaired
    /// document is not well-formed, because well-formed inline markup must keep its meaning.
    /// </summary>
    public static string WrapRawHtml(string xml)
    {
        // One forward pass: each search starts where the previous element ended, so the work stays linear
        // even when thousands of elements are never closed.
        var builder = new StringBuilder(xml.Length + 256);
        var position = 0;
        for (var open = HtmlBearingOpenTag().Match(xml, 0); open.Success; open = HtmlBearingOpenTag().Match(xml, position))
        {
            var openEnd = xml.IndexOf('>', open.Index);
            if (openEnd < 0)
            {
                break;
            }

            var close = xml[openEnd - 1] == '/' ? openEnd + 1 : xml.IndexOf("</" + open.Groups["name"].Value, openEnd, StringComparison.Ordinal);
            if (close < 0)
            {
                break;
            }

            var inner = xml[(openEnd + 1)..Math.Max(openEnd + 1, close)];
            builder.Append(xml, position, openEnd + 1 - position);
            builder.Append(inner.Contains('<', StringComparison.Ordinal) && !inner.Contains("<![CDATA[", StringComparison.Ordinal)
                ? "<![CDATA[" + inner.Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal) + "]]>"
                : inner);
            position = Math.Max(openEnd + 1, close);
        }

        builder.Append(xml, position, xml.Length - position);
        return builder.ToString();
    }

    private static string RemoveInvalidCharacters(string text)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var valid = c is '\t' or '\n' or '\r' || (c >= ' ' && c != '\uFFFE' && c != '\uFFFF' && c != '\uFEFF' && !char.IsSurrogate(c))
                || (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                || (char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(text[i - 1]));
            if (!valid)
            {
                builder ??= new StringBuilder(text, 0, i, text.Length);
                continue;
            }

            builder?.Append(c);
        }

        return builder?.ToString() ?? text;
    }

    // The root is the first start tag of a feed element (rss, RDF, feed) when there is one, so that HTML noise
    // printed before the document (a PHP warning with <br />) is skipped; otherwise the first start tag at all.
    private static (int Start, string Name) FindRoot(string text)
    {
        var first = (Start: -1, Name: string.Empty);
        var position = 0;
        while (position < text.Length)
        {
            var lt = text.IndexOf('<', position);
            if (lt < 0 || lt + 1 >= text.Length)
            {
                break;
            }

            if (string.CompareOrdinal(text, lt, "<!--", 0, 4) == 0)
            {
                var end = text.IndexOf("-->", lt + 4, StringComparison.Ordinal);
                position = end < 0 ? text.Length : end + 3;
                continue;
            }

            if (string.Compare(text, lt, "<!DOCTYPE", 0, 9, StringComparison.OrdinalIgnoreCase) == 0)
            {
                position = EndOfDoctype(text, lt);
                continue;
            }

            var match = StartTagName().Match(text, lt);
            if (match.Success && match.Index == lt)
            {
                var name = match.Groups[1].Value;
                var localName = name[(name.IndexOf(':', StringComparison.Ordinal) + 1)..];
                if (localName is "rss" or "RDF" or "feed")
                {
                    return (lt, name);
                }

                if (first.Start < 0)
                {
                    first = (lt, name);
                }
            }

            position = lt + 1;
        }

        return first;
    }

    private static int EndOfDoctype(string text, int start)
    {
        var depth = 0;
        for (var i = start + 2; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '[':
                    depth++;
                    break;
                case ']':
                    depth--;
                    break;
                case '>' when depth <= 0:
                    return i + 1;
            }
        }

        return text.Length;
    }

    private static string CutAfterRootEnd(string text, string rootName)
    {
        var end = text.LastIndexOf("</" + rootName, StringComparison.Ordinal);
        if (end < 0)
        {
            return text;
        }

        var close = text.IndexOf('>', end);
        return close < 0 ? text : text[..(close + 1)];
    }

    /// <summary>
    /// Rewrites every ampersand, and every "&lt;" that cannot start a tag ("Gold &lt; $2,000"), outside CDATA sections
    /// and comments so that the XML parser accepts them.
    /// </summary>
    private static string RepairLooseCharacters(string text)
    {
        if (!text.Contains('&', StringComparison.Ordinal) && !LoneLessThan().IsMatch(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 64);
        var position = 0;
        while (position < text.Length)
        {
            var (protectedStart, protectedEnd) = NextProtectedSection(text, position);
            var section = Ampersand().Replace(text[position..protectedStart], RewriteEntity);
            builder.Append(LoneLessThan().Replace(section, "&lt;"));
            builder.Append(text, protectedStart, protectedEnd - protectedStart);
            position = protectedEnd;
        }

        return builder.ToString();
    }

    // One regex finds whichever comes first, so each search scans only up to the next section (linear overall,
    // also for feeds with a CDATA section in every item and no comment at all).
    private static (int Start, int End) NextProtectedSection(string text, int from)
    {
        var opening = ProtectedSectionStart().Match(text, from);
        if (!opening.Success)
        {
            return (text.Length, text.Length);
        }

        var terminator = opening.Value == "<!--" ? "-->" : "]]>";
        var end = text.IndexOf(terminator, opening.Index + opening.Length, StringComparison.Ordinal);
        return (opening.Index, end < 0 ? text.Length : end + terminator.Length);
    }

    private static string RewriteEntity(Match match)
    {
        var reference = match.Value;
        if (match.Groups["num"].Success)
        {
            return RewriteNumeric(match.Groups["num"].Value) ?? "&amp;" + reference[1..];
        }

        if (!match.Groups["name"].Success || !reference.EndsWith(';'))
        {
            return "&amp;" + reference[1..];
        }

        var name = match.Groups["name"].Value;
        if (name is "amp" or "lt" or "gt" or "quot" or "apos")
        {
            return reference;
        }

        var decoded = WebUtility.HtmlDecode(reference);
        return decoded == reference ? "&amp;" + reference[1..] : NumericReferences(decoded);
    }

    // Numeric references to C1 controls almost always mean the windows-1252 character (&#146; is a right quote).
    private static string? RewriteNumeric(string digits)
    {
        var hex = digits.StartsWith('x') || digits.StartsWith('X');
        if (!int.TryParse(hex ? digits[1..] : digits, hex ? NumberStyles.HexNumber : NumberStyles.None, CultureInfo.InvariantCulture, out var codePoint))
        {
            return null;
        }

        if (codePoint is >= 0x80 and <= 0x9F)
        {
            return NumericReferences(new string(CodePages.Windows1252ForC1((char)codePoint), 1));
        }

        var valid = codePoint is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);
        return valid ? "&#" + codePoint.ToString(CultureInfo.InvariantCulture) + ";" : string.Empty;
    }

    private static string NumericReferences(string text)
    {
        var builder = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            builder.Append("&#").Append(rune.Value.ToString(CultureInfo.InvariantCulture)).Append(';');
        }

        return builder.ToString();
    }

    private static string DeclareMissingPrefixes(string text)
    {
        var rootEnd = text.IndexOf('>', StringComparison.Ordinal);
        if (rootEnd < 0)
        {
            return text;
        }

        var declared = DeclaredPrefix().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var missing = UsedPrefix().Matches(text)
            .Select(m => m.Groups["p"].Value)
            .Where(p => p != "xml" && p != "xmlns" && !declared.Contains(p))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (missing.Count == 0)
        {
            return text;
        }

        var insertAt = text[rootEnd - 1] == '/' ? rootEnd - 1 : rootEnd;
        var declarations = string.Concat(missing.Select(p =>
            $" xmlns:{p}=\"{(WellKnownNamespaces.TryGetValue(p, out var ns) ? ns : "urn:newspipeline:undeclared:" + p)}\""));
        return text.Insert(insertAt, declarations);
    }

    // Anchored (\G) so that a "<" that starts no tag costs one step, not a scan to the next tag.
    [GeneratedRegex(@"\G<([A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?)[\s/>]", RegexOptions.CultureInvariant)]
    private static partial Regex StartTagName();

    [GeneratedRegex(@"&(?:#(?<num>[xX][0-9A-Fa-f]{1,8}|[0-9]{1,9});|(?<name>[A-Za-z][A-Za-z0-9]{0,31});?)?", RegexOptions.CultureInvariant)]
    private static partial Regex Ampersand();

    [GeneratedRegex(@"<(?<name>description|content:encoded)[\s/>]", RegexOptions.CultureInvariant)]
    private static partial Regex HtmlBearingOpenTag();

    [GeneratedRegex(@"<!\[CDATA\[|<!--", RegexOptions.CultureInvariant)]
    private static partial Regex ProtectedSectionStart();

    [GeneratedRegex(@"<(?=[\s\d=<$€£¥]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex LoneLessThan();

    [GeneratedRegex(@"xmlns:([A-Za-z_][\w.\-]*)\s*=", RegexOptions.CultureInvariant)]
    private static partial Regex DeclaredPrefix();

    [GeneratedRegex(@"</?(?<p>[A-Za-z_][\w.\-]*):[A-Za-z_]|\s(?<p>[A-Za-z_][\w.\-]*):[A-Za-z_][\w.\-]*\s*=", RegexOptions.CultureInvariant)]
    private static partial Regex UsedPrefix();
}
