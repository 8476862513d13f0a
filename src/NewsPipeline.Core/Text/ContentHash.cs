using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NewsPipeline.Core.Text;

/// <summary>Stable identifiers derived from content, shared by every stage that dedups.</summary>
public static class ContentHash
{
    /// <summary>SHA-256 of the text as <see cref="TextFolding.Fold"/> leaves it, lowercase hex.</summary>
    public static string OfText(string text)
    {
        return Hex(SHA256.HashData(Encoding.UTF8.GetBytes(TextFolding.Fold(text))));
    }

    /// <summary>A short id (first 16 hex digits of SHA-256) for a string key such as a canonical URL.</summary>
    public static string ShortId(string key) =>
        Hex(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLower(CultureInfo.InvariantCulture);
}
