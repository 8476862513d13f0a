using System.Collections.Frozen;
using System.Text;

namespace NewsPipeline.Core.Text;

/// <summary>
/// Maps charset labels as publishers write them to the encoding browsers actually use for them
/// (the WHATWG Encoding Standard's choices: latin-1 means windows-1252, gb2312 means GB18030, and so on).
/// </summary>
internal static class CharsetLabels
{
    // Label → code page. Only labels whose meaning differs from .NET's own lookup, or that .NET does not know, are listed.
    private static readonly FrozenDictionary<string, int> Overrides = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["iso-8859-1"] = 1252, ["iso8859-1"] = 1252, ["iso_8859-1"] = 1252, ["latin1"] = 1252, ["l1"] = 1252,
        ["us-ascii"] = 1252, ["ascii"] = 1252, ["ansi_x3.4-1968"] = 1252, ["cp1252"] = 1252, ["x-cp1252"] = 1252,
        ["iso-8859-9"] = 1254, ["latin5"] = 1254,
        ["iso-8859-11"] = 874, ["tis-620"] = 874, ["tis620"] = 874,
        ["gb2312"] = 54936, ["gbk"] = 54936, ["x-gbk"] = 54936, ["gb_2312-80"] = 54936, ["chinese"] = 54936,
        ["cp936"] = 54936, ["ms936"] = 54936, ["gb18030"] = 54936,
        ["big5"] = 950, ["big5-hkscs"] = 950, ["x-x-big5"] = 950, ["cn-big5"] = 950,
        ["shift_jis"] = 932, ["shift-jis"] = 932, ["sjis"] = 932, ["x-sjis"] = 932, ["ms_kanji"] = 932,
        ["windows-31j"] = 932, ["csshiftjis"] = 932, ["cp932"] = 932, ["ms932"] = 932,
        ["euc-jp"] = 51932, ["x-euc-jp"] = 51932, ["eucjp"] = 51932,
        ["euc-kr"] = 949, ["ks_c_5601-1987"] = 949, ["cp949"] = 949, ["korean"] = 949,
        ["koi8-r"] = 20866, ["koi8r"] = 20866, ["koi8"] = 20866, ["koi8-u"] = 21866, ["koi8-ru"] = 21866,
        ["cp1251"] = 1251, ["x-cp1251"] = 1251,
        ["utf8"] = 65001, ["unicode-1-1-utf-8"] = 65001,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The encoding a label stands for, or null when the label is unknown.</summary>
    public static Encoding? Resolve(string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }

        var cleaned = label.Trim().Trim('"', '\'').Trim();
        try
        {
            var encoding = Overrides.TryGetValue(cleaned, out var codePage)
                ? CodePages.Get(codePage)
                : CodePages.Get(cleaned);
            return encoding.CodePage == 65001 ? TextDecoder.StrictUtf8 : encoding;
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The charset parameter of a Content-Type value, if any.</summary>
    public static string? FromContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return null;
        }

        foreach (var part in contentType.Split(';'))
        {
            var kv = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (kv.Length == 2 && kv[0].Equals("charset", StringComparison.OrdinalIgnoreCase))
            {
                return kv[1].Trim('"', '\'', ' ');
            }
        }

        return null;
    }
}
