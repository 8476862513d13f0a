using System.IO.Compression;
using NewsPipeline.Core.Text;

namespace NewsPipeline.Content;

/// <summary>Reads saved HTML pages (plain or gzip-compressed) into text with the charset they declare.</summary>
public static class HtmlFiles
{
    // Stateless once built, so one decoder serves every call and thread.
    private static readonly TextDecoder SavedPageDecoder = new(CharsetPolicy.SavedPages);

    /// <summary>Reads <paramref name="path"/>; a <c>.gz</c> file (or any file starting with the gzip magic) is decompressed.</summary>
    public static async Task<string> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        return Decode(bytes);
    }

    /// <summary>Synchronous form of <see cref="ReadAsync"/>.</summary>
    public static string Read(string path) => Decode(File.ReadAllBytes(path));

    /// <summary>
    /// Decodes page bytes: gzip is undone, then <see cref="CharsetPolicy.SavedPages"/> applies: a byte-order mark wins,
    /// then UTF-8 when the bytes are valid UTF-8, else the charset the page declares, else Windows-1252 (what browsers assume).
    /// </summary>
    public static string Decode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return SavedPageDecoder.Decode(Gunzip(bytes), contentType: null).Text;
    }

    private static byte[] Gunzip(byte[] bytes)
    {
        if (bytes.Length < 2 || bytes[0] != 0x1f || bytes[1] != 0x8b)
        {
            return bytes;
        }

        using var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
