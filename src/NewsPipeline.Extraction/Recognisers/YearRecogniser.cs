using NewsPipeline.Extraction.Text;

namespace NewsPipeline.Extraction.Recognisers;

/// <summary>Four-digit years (1950–2099) that are not part of a longer number or a quantity.</summary>
internal static class YearRecogniser
{
    public static IReadOnlyList<YearFound> Recognise(AnalysisText text, IReadOnlyList<QuantityFound> quantities)
    {
        var scan = text.Scan;
        var found = new List<YearFound>();
        for (var i = 0; i + 4 <= scan.Length; i++)
        {
            if (!char.IsDigit(scan[i]) || (i > 0 && (char.IsDigit(scan[i - 1]) || Scripts.IsWordChar(scan[i - 1]))))
            {
                continue;
            }

            var end = i;
            while (end < scan.Length && char.IsDigit(scan[end]))
            {
                end++;
            }

            if (end - i == 4 && !(end + 1 < scan.Length && scan[end] is '.' or ',' && char.IsDigit(scan[end + 1]))
                && int.TryParse(scan.AsSpan(i, 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year)
                && year is >= 1950 and <= 2099 && !Spans.Inside(quantities, i, end))
            {
                found.Add(new YearFound(i, end, year));
            }

            i = end;
        }

        return found;
    }
}
