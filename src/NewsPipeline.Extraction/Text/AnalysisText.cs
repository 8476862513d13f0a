using System.Text;
using NewsPipeline.Core.Text;

namespace NewsPipeline.Extraction.Text;

/// <summary>
/// The article text in NFC (<see cref="Original"/>) and a same-length matching view (<see cref="Scan"/>):
/// lower case, typographic apostrophes and spaces unified, full-width ASCII folded. Offsets are shared,
/// so every span found on the scan view cuts the original text directly.
/// </summary>
internal sealed record AnalysisText(string Original, string Scan)
{
    public int Length => Original.Length;

    public string Slice(int start, int end) => Original[start..end];

    public static AnalysisText From(string text)
    {
        var original = Nfc.Normalize(text);
        var scan = new StringBuilder(original.Length);
        foreach (var c in original)
        {
            scan.Append(Fold(c));
        }

        return new AnalysisText(original, scan.ToString());
    }

    private static char Fold(char c) => c switch
    {
        '\u2019' or '\u2018' or '\u02BC' or '\u0060' or '\u00B4' => '\'',
        '\u00A0' or '\u202F' or '\u2009' or '\u2007' or '\u3000' or '\u2002' or '\u2003' => ' ',
        '\u2010' or '\u2011' => '-',
        '\uFF5E' => '\uFF5E',
        >= '\uFF01' and <= '\uFF5D' => char.ToLowerInvariant((char)(c - 0xFEE0)),
        _ => char.ToLowerInvariant(c),
    };
}
