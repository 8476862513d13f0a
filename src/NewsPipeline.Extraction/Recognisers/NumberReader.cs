using System.Globalization;
using NewsPipeline.Extraction.Lexicons;

namespace NewsPipeline.Extraction.Recognisers;

/// <summary>A number read from text: its value and where it ends.</summary>
internal readonly record struct NumberRead(double Value, int End);

/// <summary>
/// Reads digits with the language's separators: a separator followed by exactly three digits groups thousands when the
/// language groups with it (15 000, 10.000, 4,815); otherwise a full stop or comma before digits is a decimal mark (96,5).
/// </summary>
internal static class NumberReader
{
    public static NumberRead? Read(string scan, int start, NumberFormat format)
    {
        if (start >= scan.Length || !char.IsDigit(scan[start]))
        {
            return null;
        }

        var j = start;
        var digits = new System.Text.StringBuilder();
        while (j < scan.Length && char.IsDigit(scan[j]))
        {
            digits.Append(scan[j]);
            j++;
        }

        if (digits.Length <= 3)
        {
            while (j + 3 < scan.Length + 0 && format.Group.Contains(scan[j]) && IsThreeDigitGroup(scan, j + 1))
            {
                digits.Append(scan, j + 1, 3);
                j += 4;
            }
        }

        if (j + 1 < scan.Length && (scan[j] == '.' || scan[j] == ',') && char.IsDigit(scan[j + 1]) && !(format.Group.Contains(scan[j]) && IsThreeDigitGroup(scan, j + 1)))
        {
            digits.Append('.');
            j++;
            while (j < scan.Length && char.IsDigit(scan[j]))
            {
                digits.Append(scan[j]);
                j++;
            }
        }

        return double.TryParse(digits.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? new NumberRead(value, j) : null;
    }

    private static bool IsThreeDigitGroup(string scan, int at) =>
        at + 3 <= scan.Length && char.IsDigit(scan[at]) && char.IsDigit(scan[at + 1]) && char.IsDigit(scan[at + 2])
        && (at + 3 == scan.Length || !char.IsDigit(scan[at + 3]));
}
