namespace NewsPipeline.Content.Text;

/// <summary>
/// Word tokens (runs of letters, digits and underscore) and their 4-gram shingles, used to compare two texts,
/// e.g. a JSON-LD <c>articleBody</c> with the DOM's text.
/// </summary>
internal static class Shingles
{
    public static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWord = i < text.Length && IsWordChar(text, i);
            if (isWord && start < 0)
            {
                start = i;
            }
            else if (!isWord && start >= 0)
            {
                tokens.Add(text[start..i]);
                start = -1;
            }
        }

        return tokens;
    }

    public static Dictionary<string, int> Bag(string text)
    {
        var tokens = Tokens(text);
        var bag = new Dictionary<string, int>(StringComparer.Ordinal);
        if (tokens.Count == 0)
        {
            return bag;
        }

        if (tokens.Count <= 4)
        {
            bag[string.Join('\u0001', tokens)] = 1;
            return bag;
        }

        for (var i = 0; i + 4 <= tokens.Count; i++)
        {
            var key = string.Concat(tokens[i], "\u0001", tokens[i + 1], "\u0001", tokens[i + 2], "\u0001", tokens[i + 3]);
            bag[key] = bag.TryGetValue(key, out var n) ? n + 1 : 1;
        }

        return bag;
    }

    /// <summary>Share of <paramref name="part"/>'s shingles (multiset) that also occur in <paramref name="whole"/>.</summary>
    public static double Containment(Dictionary<string, int> part, Dictionary<string, int> whole)
    {
        var total = 0;
        var shared = 0;
        foreach (var (key, count) in part)
        {
            total += count;
            if (whole.TryGetValue(key, out var other))
            {
                shared += Math.Min(count, other);
            }
        }

        return total == 0 ? 0 : (double)shared / total;
    }

    private static bool IsWordChar(string text, int i)
    {
        var c = text[i];
        if (c == '_')
        {
            return true;
        }

        if (char.IsSurrogate(c))
        {
            return char.IsLetterOrDigit(text, i) || (char.IsLowSurrogate(c) && i > 0 && char.IsLetterOrDigit(text, i - 1));
        }

        var category = char.GetUnicodeCategory(c);
        return category is System.Globalization.UnicodeCategory.UppercaseLetter
            or System.Globalization.UnicodeCategory.LowercaseLetter
            or System.Globalization.UnicodeCategory.TitlecaseLetter
            or System.Globalization.UnicodeCategory.ModifierLetter
            or System.Globalization.UnicodeCategory.OtherLetter
            or System.Globalization.UnicodeCategory.DecimalDigitNumber
            or System.Globalization.UnicodeCategory.LetterNumber
            or System.Globalization.UnicodeCategory.OtherNumber;
    }
}
