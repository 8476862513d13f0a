using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NewsPipeline.Ingestion.Parsing;

namespace NewsPipeline.Ingestion.Tests;

/// <summary>
/// Translates the `Expect:` assertions of the feedparser corpus that map onto fields every feed reader has
/// (feed title, entry title, entry link, entry dates, entry text) and checks them against our parser's output.
/// Assertions on anything else (sanitizer details, bozo flags, namespaces, charset names) are not counted.
/// </summary>
internal static partial class FeedparserExpectations
{
    public const string FeedTitle = "feed title";
    public const string EntryTitle = "entry title";
    public const string Link = "entry link";
    public const string Date = "entry date";
    public const string Text = "entry text";

    public sealed record Check(string File, string Field, string Expected, string? Actual, bool Passed);

    /// <summary>The checks one corpus file asserts, evaluated against our parse of its bytes.</summary>
    public static IEnumerable<Check> Evaluate(FeedDocumentParser parser, string root, string file)
    {
        var bytes = File.ReadAllBytes(file);
        var header = Latin1Head(bytes);
        var expect = ExpectLine().Match(header);
        if (!expect.Success)
        {
            yield break;
        }

        var id = Path.GetRelativePath(root, file).Replace('\\', '/');
        var documentUrl = new Uri("http://127.0.0.1:8097/" + id);
        var contentType = ContentTypeHeader().Match(header) is { Success: true } ct ? ct.Groups[1].Value.Trim() : null;
        var baseUrl = ContentLocationHeader().Match(header) is { Success: true } cl && Uri.TryCreate(documentUrl, cl.Groups[1].Value.Trim(), out var location)
            ? location
            : documentUrl;
        var document = parser.ParseDocument(bytes, contentType, baseUrl).Value;
        foreach (var conjunct in SplitAnd(expect.Groups[1].Value.Trim()))
        {
            var assertion = Assertion().Match(conjunct.Trim());
            if (!assertion.Success)
            {
                continue;
            }

            var (field, actual, expected) = Resolve(assertion.Groups["lhs"].Value, assertion.Groups["rhs"].Value.Trim(), document);
            if (field is not null && expected is not null)
            {
                yield return new Check(id, field, expected, actual, string.Equals(actual, expected, StringComparison.Ordinal)
                    || (field == Link && actual is not null && Uri.TryCreate(expected, UriKind.Absolute, out var e) && e.AbsoluteUri == actual));
            }
        }
    }

    private static (string? Field, string? Actual, string? Expected) Resolve(string lhs, string rhs, FeedDocument? document)
    {
        var key = Regex.Replace(lhs, @"\[['""]([a-z_]+)['""]\]|\.([a-z_]+)", m => "." + (m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value), RegexOptions.None, TimeSpan.FromSeconds(1));
        var item = document?.Items.FirstOrDefault();
        switch (key)
        {
            case "feed.title" or "feed.title_detail.value":
                return (FeedTitle, document?.Title, PythonString(rhs));
            case "entries[0].title" or "entries[0].title_detail.value":
                return (EntryTitle, item?.Title, PythonString(rhs));
            case "entries[0].link":
                return (Link, item?.Link?.AbsoluteUri, PythonString(rhs));
            case "entries[0].description" or "entries[0].summary":
                return (Text, item?.Summary ?? item?.Content, PythonString(rhs));
            case "entries[0].content[0].value":
                return (Text, item?.Content, PythonString(rhs));
            case "entries[0].published_parsed":
                return (Date, Tuple(item?.Published), TupleHead(rhs));
            case "entries[0].updated_parsed":
                return (Date, Tuple(item?.Updated), TupleHead(rhs));
            default:
                return (null, null, null);
        }
    }

    private static string? Tuple(DateTimeOffset? date) =>
        date is { } d ? d.UtcDateTime.ToString("yyyy,M,d,H,m,s", CultureInfo.InvariantCulture) : null;

    private static string? TupleHead(string rhs) =>
        rhs.StartsWith('(') && rhs.EndsWith(')') ? string.Join(',', rhs.Trim('(', ')', ' ').Split(',').Take(6).Select(p => p.Trim())) : null;

    /// <summary>Decodes a Python string literal ('…' or "…", optional u prefix, backslash escapes).</summary>
    private static string? PythonString(string literal)
    {
        var text = literal.StartsWith('u') ? literal[1..] : literal;
        if (text.Length < 2 || (text[0] != '\'' && text[0] != '"') || text[^1] != text[0])
        {
            return null;
        }

        var body = text[1..^1];
        var builder = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != '\\' || i + 1 >= body.Length)
            {
                builder.Append(body[i]);
                continue;
            }

            var c = body[++i];
            switch (c)
            {
                case 'n': builder.Append('\n'); break;
                case 't': builder.Append('\t'); break;
                case 'r': builder.Append('\r'); break;
                case 'x': builder.Append(Hex(body, ref i, 2)); break;
                case 'u': builder.Append(Hex(body, ref i, 4)); break;
                case 'U': builder.Append(Hex(body, ref i, 8)); break;
                default: builder.Append(c); break;
            }
        }

        return builder.ToString();
    }

    private static string Hex(string body, ref int i, int digits)
    {
        var value = int.Parse(body.AsSpan(i + 1, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        i += digits;
        return char.ConvertFromUtf32(value);
    }

    private static IEnumerable<string> SplitAnd(string expression)
    {
        var depth = 0;
        char? quote = null;
        var start = 0;
        for (var i = 0; i < expression.Length; i++)
        {
            var c = expression[i];
            if (quote is not null)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = null;
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                depth--;
            }
            else if (depth == 0 && string.CompareOrdinal(expression, i, " and ", 0, 5) == 0)
            {
                yield return expression[start..i];
                start = i + 5;
                i += 4;
            }
        }

        yield return expression[start..];
    }

    // The header comment is ASCII in every file but the UTF-16/32 ones; reading those as UTF-16/32 is enough to find it.
    private static string Latin1Head(byte[] bytes)
    {
        var head = bytes.AsSpan(0, Math.Min(bytes.Length, 4096));
        if (head.Length >= 4 && (head[0] == 0 || head[1] == 0))
        {
            var utf32 = head.Length >= 4 && ((head[0] == 0 && head[1] == 0) || (head[2] == 0 && head[3] == 0));
            var bigEndian = head[0] == 0 || (head[0] == 0xFE && head[1] == 0xFF);
            Encoding encoding = utf32 ? new UTF32Encoding(bigEndian, false) : new UnicodeEncoding(bigEndian, false);
            return encoding.GetString(head);
        }

        return Encoding.Latin1.GetString(head);
    }

    [GeneratedRegex(@"Expect:[ \t]*(.+)", RegexOptions.CultureInvariant)]
    private static partial Regex ExpectLine();

    [GeneratedRegex(@"Header:[ \t]*Content-type:[ \t]*(.+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ContentTypeHeader();

    [GeneratedRegex(@"Header:[ \t]*Content-Location:[ \t]*(.+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ContentLocationHeader();

    [GeneratedRegex(@"^(?<lhs>(?:feed|entries\[0\])(?:\[['""][a-z_]+['""]\]|\.[a-z_]+|\[0\])+)\s*==\s*(?<rhs>.+)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Assertion();
}
