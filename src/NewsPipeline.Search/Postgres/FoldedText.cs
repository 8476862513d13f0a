using System.Globalization;
using System.Text;
using NewsPipeline.Core.Search;

namespace NewsPipeline.Search.Postgres;

/// <summary>
/// Text folded as <see cref="TextFold"/> folds names (compatibility forms, no accents, lower case), one text element
/// at a time so that every folded character knows where in the original it came from. The trigram path stores
/// <see cref="Text"/> and searches it by substring; snippets map what was found back to the original.
/// </summary>
internal sealed class FoldedText
{
    private readonly List<int> origins;

    private FoldedText(string text, List<int> origins)
    {
        Text = text;
        this.origins = origins;
    }

    public string Text { get; }

    public static FoldedText Of(string original)
    {
        var builder = new StringBuilder(original.Length);
        var origins = new List<int>(original.Length + 1);
        var elements = StringInfo.GetTextElementEnumerator(original);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            var start = elements.ElementIndex;
            // Runs of whitespace become one space, as TextFold makes them.
            var folded = element.Length > 0 && char.IsWhiteSpace(element[0]) ? (builder.Length > 0 && builder[^1] == ' ' ? string.Empty : " ") : TextFold.Fold(element);
            foreach (var c in folded)
            {
                builder.Append(c);
                origins.Add(start);
            }
        }

        origins.Add(original.Length);
        return new FoldedText(builder.ToString(), origins);
    }

    /// <summary>The words of a query as the trigram path matches them: folded, cut at anything not a letter, digit or mark.</summary>
    public static IReadOnlyList<string> Words(string query)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in Of(query).Text)
        {
            if (char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.SpacingCombiningMark or UnicodeCategory.NonSpacingMark)
            {
                word.Append(c);
                continue;
            }

            Flush();
        }

        Flush();
        return words;

        void Flush()
        {
            if (word.Length > 0 && !words.Contains(word.ToString(), StringComparer.Ordinal))
            {
                words.Add(word.ToString());
            }

            word.Clear();
        }
    }

    /// <summary>Where each word occurs, as ranges of the original text.</summary>
    public IEnumerable<(int Start, int End)> Find(IEnumerable<string> words)
    {
        foreach (var word in words)
        {
            for (var at = Text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = Text.IndexOf(word, at + word.Length, StringComparison.Ordinal))
            {
                yield return (origins[at], OriginalEnd(at + word.Length));
            }
        }
    }

    // The end of the text element holding the last matched folded character.
    private int OriginalEnd(int foldedEnd)
    {
        var lastOrigin = origins[foldedEnd - 1];
        for (var i = foldedEnd; i < origins.Count; i++)
        {
            if (origins[i] != lastOrigin)
            {
                return origins[i];
            }
        }

        return origins[^1];
    }
}
