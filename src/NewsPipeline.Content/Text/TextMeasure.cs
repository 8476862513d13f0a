namespace NewsPipeline.Content.Text;

/// <summary>
/// Script-neutral text length: letters and digits count 1, ideographs and kana count 3 (one CJK character carries
/// about as much as a short Latin word), whitespace and punctuation count 0. All thresholds use this measure.
/// </summary>
internal static class TextMeasure
{
    public static int Weigh(string text)
    {
        var weight = 0;
        foreach (var c in text)
        {
            if (IsCjk(c))
            {
                weight += 3;
            }
            else if (char.IsLetterOrDigit(c))
            {
                weight++;
            }
        }

        return weight;
    }

    /// <summary>Commas and their CJK and Arabic forms: a sign of running prose.</summary>
    public static int CountCommas(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (c is ',' or '，' or '、' or '،' or '；' or ';')
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Han ideographs, kana, CJK punctuation and full-width forms: text written without spaces between words.</summary>
    public static bool IsCjk(char c) =>
        c is (>= '\u3000' and <= '\u30FF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF')
            or (>= '\uF900' and <= '\uFAFF') or (>= '\uFF00' and <= '\uFFEF') or (>= '\u31F0' and <= '\u31FF');
}
