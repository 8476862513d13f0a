using System.Text;
using System.Text.RegularExpressions;

namespace NewsPipeline.Core.Text;

/// <summary>Text decoded from bytes, with the charset used and which evidence chose it.</summary>
/// <param name="Source">"bom", "http", "declaration", "utf-8", "detected" or "fallback".</param>
public sealed record DecodedText(string Text, string EncodingName, string Source);

/// <summary>
/// Chooses the charset of a feed or page the way browsers and feed readers do:
/// byte-order mark → HTTP charset → XML declaration or HTML meta → valid UTF-8 → legacy-charset detection → windows-1252.
/// A <see cref="CharsetPolicy"/> moves valid UTF-8 ahead of the labels and turns detection off for saved pages.
/// </summary>
public sealed partial class TextDecoder
{
    internal static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Declarations are looked for in the head of the document only, but well beyond the first 1024 bytes
    // (pages with long inline scripts put <meta charset> late).
    private const int DeclarationScanBytes = 64 * 1024;

    private readonly CharsetPolicy policy;
    private readonly LegacyCharsetDetector? detector;

    /// <summary>A decoder for bytes fetched over HTTP (<see cref="CharsetPolicy.Fetched"/>).</summary>
    public TextDecoder()
        : this(CharsetPolicy.Fetched)
    {
    }

    public TextDecoder(CharsetPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        this.policy = policy;
        detector = policy.DetectLegacyCharsets ? new LegacyCharsetDetector() : null;
    }

    public DecodedText Decode(ReadOnlySpan<byte> bytes, string? contentType)
    {
        var (encoding, source, skip) = Choose(bytes, contentType);
        var text = encoding.GetString(bytes[skip..]);
        return new DecodedText(RepairC1Controls(text), Name(encoding), source);
    }

    private (Encoding Encoding, string Source, int Skip) Choose(ReadOnlySpan<byte> bytes, string? contentType)
    {
        if (FromByteOrderMark(bytes) is { } bom)
        {
            return (bom.Encoding, "bom", bom.Length);
        }

        if (FromUnmarkedUnicode(bytes) is { } unmarked)
        {
            return (unmarked, "declaration", 0);
        }

        var validUtf8 = IsValidUtf8(bytes);
        if (validUtf8 && policy.ValidUtf8BeforeDeclaration)
        {
            return (Encoding.UTF8, "utf-8", 0);
        }

        var http = CharsetLabels.Resolve(CharsetLabels.FromContentType(contentType));
        if (http is not null && Plausible(http, validUtf8))
        {
            return (Tolerant(http), "http", 0);
        }

        var declarations = DeclaredCharsets(bytes);
        if (declarations.FirstOrDefault(d => Plausible(d, validUtf8)) is { } declared)
        {
            return (Tolerant(declared), "declaration", 0);
        }

        if (validUtf8)
        {
            return (Encoding.UTF8, "utf-8", 0);
        }

        if (detector?.Detect(bytes) is { } detected)
        {
            return (detected, "detected", 0);
        }

        // Labelled UTF-8 with a few stray bytes is far more common than a mislabelled single-byte page.
        var labelledUtf8 = http?.CodePage == 65001 || declarations.Any(d => d.CodePage == 65001);
        return labelledUtf8 ? (Encoding.UTF8, "fallback", 0) : (CodePages.Get(1252), "fallback", 0);
    }

    private static (Encoding Encoding, int Length)? FromByteOrderMark(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (Encoding.UTF8, 3);
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            return (new UTF32Encoding(bigEndian: false, byteOrderMark: false), 4);
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return (new UTF32Encoding(bigEndian: true, byteOrderMark: false), 4);
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (new UnicodeEncoding(bigEndian: false, byteOrderMark: false), 2);
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (new UnicodeEncoding(bigEndian: true, byteOrderMark: false), 2);
        }

        return null;
    }

    // XML 1.0 appendix F: without a BOM, the zero bytes around the ASCII markup still tell UTF-16 and UTF-32 apart.
    private static Encoding? FromUnmarkedUnicode(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 4 && b[0] == 0x3C && b[1] == 0x00 && b[2] != 0x00)
        {
            return new UnicodeEncoding(bigEndian: false, byteOrderMark: false);
        }

        if (b.Length >= 4 && b[0] == 0x00 && b[1] == 0x3C)
        {
            return new UnicodeEncoding(bigEndian: true, byteOrderMark: false);
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x00, 0x3C]))
        {
            return new UTF32Encoding(bigEndian: true, byteOrderMark: false);
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0x3C, 0x00, 0x00, 0x00]))
        {
            return new UTF32Encoding(bigEndian: false, byteOrderMark: false);
        }

        return null;
    }

    // A label is believed unless the bytes contradict it: a document readable as ASCII is not UTF-16/32,
    // and "utf-8" on bytes that are not UTF-8 is a server default (or an archive's banner), not the publisher's word.
    private static bool Plausible(Encoding encoding, bool validUtf8) =>
        encoding.GetByteCount("<") == 1 && (encoding.CodePage != 65001 || validUtf8);

    private static Encoding Tolerant(Encoding encoding) =>
        encoding.CodePage == 65001 ? Encoding.UTF8 : encoding;

    /// <summary>The XML declaration's encoding, then every meta charset in the head, in document order, as resolvable encodings.</summary>
    private static List<Encoding> DeclaredCharsets(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, DeclarationScanBytes)]);
        var labels = new List<string>();
        var xml = XmlDeclarationEncoding().Match(head);
        if (xml.Success)
        {
            labels.Add(xml.Groups[1].Value);
        }

        // Every meta, not just the first: saved pages often carry an archive's UTF-8 banner before the page's own.
        labels.AddRange(MetaCharset().Matches(head).Select(m => m.Groups[1].Value));
        return labels.Select(CharsetLabels.Resolve).OfType<Encoding>().ToList();
    }

    private static bool IsValidUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            StrictUtf8.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    // Text mislabelled as latin-1 or double-decoded keeps C1 controls where windows-1252 has curly quotes and dashes.
    private static string RepairC1Controls(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\u0080', '\u009F'))
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = CodePages.Windows1252ForC1(chars[i]);
        }

        return new string(chars);
    }

    private static string Name(Encoding encoding) => encoding.CodePage switch
    {
        65001 => "utf-8",
        1200 => "utf-16le",
        1201 => "utf-16be",
        12000 => "utf-32le",
        12001 => "utf-32be",
        _ => encoding.WebName,
    };

    [GeneratedRegex("""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:\-]+)["']""", RegexOptions.CultureInvariant)]
    private static partial Regex XmlDeclarationEncoding();

    [GeneratedRegex("""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaCharset();
}
