using System.Text;

namespace NewsPipeline.Search.Postgres;

/// <summary>
/// Buyer and seller names as words, for the company filter's "words of a name in order inside another name".
/// Words are folded; Han ideographs and hiragana, written without spaces, are one word per character (as
/// Unicode word segmentation cuts them), so 三菱 is found inside 三菱商事.
/// </summary>
internal static class PartyWords
{
    private const string Separator = "|";

    /// <summary>Every party's words, each name wrapped in spaces and names apart: " mitsubishi corporation |  aluminium of kazakhstan ".</summary>
    public static string Of(IEnumerable<string> names) =>
        string.Join(Separator, names.Select(Phrase).Where(p => p is not null));

    /// <summary>The words of one name between single spaces, with a space at each end; null when it has none.</summary>
    public static string? Phrase(string name)
    {
        var words = FoldedText.Words(name).SelectMany(SplitIdeographs).ToList();
        return words.Count == 0 ? null : " " + string.Join(' ', words) + " ";
    }

    private static IEnumerable<string> SplitIdeographs(string word)
    {
        var run = new StringBuilder();
        foreach (var c in word)
        {
            if (IsIdeographOrHiragana(c))
            {
                if (run.Length > 0)
                {
                    yield return run.ToString();
                    run.Clear();
                }

                yield return c.ToString();
            }
            else
            {
                run.Append(c);
            }
        }

        if (run.Length > 0)
        {
            yield return run.ToString();
        }
    }

    private static bool IsIdeographOrHiragana(char c) =>
        c is (>= '\u3040' and <= '\u309F') or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF');
}
