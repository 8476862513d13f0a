namespace NewsPipeline.Core.Text;

/// <summary>
/// What <see cref="TextDecoder"/> trusts when it picks a charset. Bytes fetched over HTTP and pages saved to disk
/// share every step (byte-order mark, labels resolved as browsers resolve them, UTF-8 validity) but weigh the
/// evidence differently, for the reasons given on each property.
/// </summary>
public sealed record CharsetPolicy
{
    /// <summary>
    /// Feeds and pages fetched over HTTP: the publisher's label is believed unless the bytes contradict it, and
    /// unlabelled legacy bytes are recognised by <see cref="LegacyCharsetDetector"/>.
    /// </summary>
    public static CharsetPolicy Fetched { get; } = new();

    /// <summary>
    /// Pages saved to disk (archives, evaluation corpora): archivers re-encode pages to UTF-8 but keep the original
    /// declaration, so valid UTF-8 wins over it; pages that are not UTF-8 are taken at their word or as windows-1252.
    /// </summary>
    public static CharsetPolicy SavedPages { get; } = new() { ValidUtf8BeforeDeclaration = true, DetectLegacyCharsets = false };

    /// <summary>When the bytes are valid UTF-8, decode them as UTF-8 whatever the HTTP header or document declares.</summary>
    public bool ValidUtf8BeforeDeclaration { get; init; }

    /// <summary>Guess the charset of unlabelled bytes that are not UTF-8, instead of going straight to windows-1252.</summary>
    public bool DetectLegacyCharsets { get; init; } = true;
}
