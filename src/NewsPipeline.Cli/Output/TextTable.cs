using System.Text;

namespace NewsPipeline.Cli.Output;

/// <summary>An aligned plain-text table that measures terminal columns, so CJK names line up.</summary>
public static class TextTable
{
    private const int MaxCellWidth = 34;

    public static async Task WriteAsync(TextWriter writer, IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        var cells = rows.Select(r => r.Select(c => Truncate(c, MaxCellWidth)).ToArray()).ToList();
        var widths = header.Select((c, i) => Math.Max(Width(c), cells.Count == 0 ? 0 : cells.Max(r => Width(r[i])))).ToArray();
        await writer.WriteLineAsync(Line(header, widths));
        await writer.WriteLineAsync(string.Join("  ", widths.Select(w => new string('─', w))));
        foreach (var row in cells)
        {
            await writer.WriteLineAsync(Line(row, widths));
        }
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < cells.Count; i++)
        {
            builder.Append(cells[i]);
            if (i < cells.Count - 1)
            {
                builder.Append(' ', widths[i] - Width(cells[i]) + 2);
            }
        }

        return builder.ToString().TrimEnd();
    }

    private static string Truncate(string text, int max)
    {
        if (Width(text) <= max)
        {
            return text;
        }

        var builder = new StringBuilder();
        var width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (width + RuneWidth(rune) > max - 1)
            {
                break;
            }

            width += RuneWidth(rune);
            builder.Append(rune.ToString());
        }

        return builder.Append('…').ToString();
    }

    private static int Width(string text)
    {
        var width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            width += RuneWidth(rune);
        }

        return width;
    }

    /// <summary>Terminal columns: CJK, Hangul and full-width forms take two.</summary>
    private static int RuneWidth(Rune rune) =>
        rune.Value is >= 0x1100 and <= 0x115F or >= 0x2E80 and <= 0xA4CF or >= 0xAC00 and <= 0xD7A3 or >= 0xF900 and <= 0xFAFF
            or >= 0xFE30 and <= 0xFE4F or >= 0xFF00 and <= 0xFF60 or >= 0xFFE0 and <= 0xFFE6 or >= 0x20000 and <= 0x3FFFD ? 2 : 1;
}
