using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace NewsPipeline.Core.Search;

/// <summary>
/// Where a page stopped: the sort it was taken in, the last item's sort value and its id. Pages continue strictly
/// after that (value, id) pair, so events stored meanwhile never shift or repeat the pages that follow.
/// Opaque to clients: base64url of a short versioned text.
/// </summary>
public sealed record SearchCursor(string Sort, double Value, string Id)
{
    private const string Version = "c1";

    public string Encode()
    {
        var text = string.Join('\n', Version, Sort, Value.ToString("R", CultureInfo.InvariantCulture), Id);
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>The cursor in <paramref name="token"/>, or null when it is not one this version wrote.</summary>
    public static SearchCursor? TryDecode(string token)
    {
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token.AsSpan());
        }
        catch (FormatException)
        {
            return null;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var parts = text.Split('\n');
        if (parts.Length != 4 || parts[0] != Version || parts[3].Length == 0
            || !double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        return new SearchCursor(parts[1], value, parts[3]);
    }
}
