using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace NewsPipeline.Content;

/// <summary>Reads saved HTML pages (plain or gzip-compressed) into text with the charset they declare.</summary>
public static partial class HtmlFiles
{
    /// <summary>Reads <paramref name="path"/>; a <c>.gz</c> file (or any file starting with the gzip magic) is decompressed.</summary>
    public static async Task<string> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        return Decode(bytes);
    }

    /// <summary>Synchronous form of <see cref="ReadAsync"/>.</summary>
    public static string Read(string path) => Decode(File.ReadAllBytes(path));

    /// <summary>
    /// Decodes page bytes: gzip is undone, a byte-order mark wins, then UTF-8 when the bytes are valid UTF-8,
    /// else the charset named in the first 4 KB, else Windows-1252 (what browsers assume).
    /// </summary>
    public static string Decode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b)
        {
            using var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var output = new MemoryStream();
            input.CopyTo(output);
            bytes = output.ToArray();
        }

        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        }

        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        }

        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        }

        var strictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        try
        {
            return strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Not valid UTF-8: fall through to the declared charset.
        }

        // Not UTF-8, so a UTF-8 declaration (often an archive's banner in front of the page) is not the answer:
        // take the first declared charset that is something else, else Windows-1252 as browsers do.
        var head = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 65_536));
        var encoding = CharsetPattern().Matches(head)
            .Select(m => TryGetEncoding(m.Groups[1].Value))
            .FirstOrDefault(e => e is not null && e.CodePage != Encoding.UTF8.CodePage);
        var declaresUtf8 = CharsetPattern().Matches(head).Any(m => TryGetEncoding(m.Groups[1].Value)?.CodePage == Encoding.UTF8.CodePage);
        if (encoding is null)
        {
            // Mostly UTF-8 with a few stray bytes is far more common than a mislabelled single-byte page.
            encoding = declaresUtf8 ? Encoding.UTF8 : Latin1Fallback();
        }

        return encoding.GetString(bytes);
    }

    private static Encoding? TryGetEncoding(string name)
    {
        try
        {
            // The code-page provider is asked directly so that nothing is registered process-wide.
            return CodePagesEncodingProvider.Instance.GetEncoding(name.Trim()) ?? Encoding.GetEncoding(name.Trim());
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static Encoding Latin1Fallback() => CodePagesEncodingProvider.Instance.GetEncoding(1252) ?? Encoding.Latin1;

    [GeneratedRegex("""charset\s*=\s*["']?([A-Za-z0-9_\-:.]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CharsetPattern();
}
