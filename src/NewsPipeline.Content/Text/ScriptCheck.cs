namespace NewsPipeline.Content.Text;

/// <summary>The Unicode script most of a text's letters are written in, to check a page's declared language.</summary>
internal static class ScriptCheck
{
    private const int MinLetters = 50;

    /// <summary>The dominant script ("Latin", "Cyrillic", "Han", …) or null when the text has too few letters.</summary>
    public static string? Dominant(string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var letters = 0;
        foreach (var c in text)
        {
            var script = ScriptOf(c);
            if (script is null)
            {
                continue;
            }

            letters++;
            counts[script] = counts.GetValueOrDefault(script) + 1;
        }

        if (letters < MinLetters)
        {
            return null;
        }

        var best = counts.MaxBy(p => p.Value);
        return best.Value * 2 > letters ? best.Key : null;
    }

    private static string? ScriptOf(char c)
    {
        if (TextMeasure.IsCjk(c))
        {
            return "Han";
        }

        if (!char.IsLetter(c))
        {
            return null;
        }

        return c switch
        {
            <= '\u024F' or (>= '\u1E00' and <= '\u1EFF') => "Latin",
            >= '\u0370' and <= '\u03FF' => "Greek",
            >= '\u0400' and <= '\u052F' => "Cyrillic",
            >= '\u0590' and <= '\u05FF' => "Hebrew",
            >= '\u0600' and <= '\u06FF' => "Arabic",
            >= '\u0900' and <= '\u097F' => "Devanagari",
            >= '\u0E00' and <= '\u0E7F' => "Thai",
            (>= '\u1100' and <= '\u11FF') or (>= '\u3130' and <= '\u318F') or (>= '\uAC00' and <= '\uD7AF') => "Hangul",
            _ => "Other",
        };
    }
}
