using System.Globalization;
using System.Text;

namespace NewsPipeline.Storage.Search;

/// <summary>
/// The form in which names and text are compared by the company and text filters: compatibility-decomposed,
/// combining marks dropped, lower-cased with invariant rules and whitespace folded. "Société" and "SOCIETE"
/// meet, "Ａｌｕｍｉｎｉｕｍ" meets "aluminium", and Cyrillic or CJK text passes through unharmed.
/// </summary>
internal static class SearchKey
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>The words of a text query, each folded; a query of only spaces has none.</summary>
    public static IReadOnlyList<string> Words(string? query) =>
        Fold(query).Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
