namespace NewsPipeline.Extraction.Text;

/// <summary>Character classes the recognisers need: which scripts write words without spaces.</summary>
internal static class Scripts
{
    /// <summary>Han, kana and Hangul: words are not separated by spaces, so phrases match inside runs.</summary>
    public static bool IsCjk(char c) =>
        (c >= '\u4E00' && c <= '\u9FFF') || (c >= '\u3400' && c <= '\u4DBF') || (c >= '\uF900' && c <= '\uFAFF')
        || (c >= '\u3040' && c <= '\u30FF') || (c >= '\u31F0' && c <= '\u31FF') || (c >= '\uFF66' && c <= '\uFF9F')
        || (c >= '\uAC00' && c <= '\uD7AF') || (c >= '\u1100' && c <= '\u11FF') || (c >= '\u3130' && c <= '\u318F')
        || c == '\u3005' || c == '\u3006';

    public static bool IsHan(char c) =>
        (c >= '\u4E00' && c <= '\u9FFF') || (c >= '\u3400' && c <= '\u4DBF') || (c >= '\uF900' && c <= '\uFAFF') || c == '\u3005';

    public static bool IsKana(char c) => (c >= '\u3040' && c <= '\u30FF') || (c >= '\u31F0' && c <= '\u31FF') || (c >= '\uFF66' && c <= '\uFF9F');

    public static bool IsKatakana(char c) => (c >= '\u30A0' && c <= '\u30FF') || (c >= '\u31F0' && c <= '\u31FF');

    public static bool IsHangul(char c) => (c >= '\uAC00' && c <= '\uD7AF') || (c >= '\u1100' && c <= '\u11FF') || (c >= '\u3130' && c <= '\u318F');

    public static bool IsCyrillic(char c) => c >= '\u0400' && c <= '\u04FF';

    /// <summary>A letter or digit of a space-separated script (a word character for boundary checks).</summary>
    public static bool IsWordChar(char c) => c < '\u0080'
        ? char.IsAsciiLetterOrDigit(c)
        : (char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark) && !IsCjk(c);

    public static bool IsUpper(char c) => char.IsUpper(c);
}
