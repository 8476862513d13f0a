using System.Text;
using NewsPipeline.Content.Lexicon;
using NewsPipeline.Core.Text;

namespace NewsPipeline.Content.Text;

/// <summary>
/// Drops blocks that are furniture by their words or by repetition: stock phrases ("Share", "Read more", in the
/// lexicon's languages), short lines repeated inside the content (ad labels, share bars), and the page title
/// repeated as a heading.
/// </summary>
internal sealed class BlockFilter
{
    private const int ShortBlock = 80;
    private readonly HashSet<string> _phrases;

    public BlockFilter(ContentLexicon lexicon)
    {
        _phrases = lexicon.BoilerplatePhrases.Select(Normalize).Where(p => p.Length > 0).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Whether the whole block is a stock furniture phrase such as "Share" or "Lire aussi".</summary>
    public bool IsStockPhrase(TextBlock block) => block.Weight < ShortBlock && _phrases.Contains(Normalize(block.Text));

    public List<TextBlock> Filter(IReadOnlyList<TextBlock> blocks, string? title)
    {
        var normalizedTitle = title is null ? null : Normalize(title);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var block in blocks)
        {
            if (block.Weight < ShortBlock)
            {
                var key = Normalize(block.Text);
                counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;
            }
        }

        var kept = new List<TextBlock>(blocks.Count);
        foreach (var block in blocks)
        {
            if (block.Weight == 0 && block.Kind != BlockKind.Preformatted)
            {
                continue;
            }

            var key = Normalize(block.Text);
            if (block.Weight < ShortBlock && (_phrases.Contains(key) || counts.GetValueOrDefault(key) > 1))
            {
                continue;
            }

            // A block that is nothing but a link is a teaser or a navigation line, not a sentence of the story;
            // so is a linked headline behind a stock label ("Lesen Sie auch: …", "Lire aussi : …").
            if (block.Weight < 200 && (block.LinkDensity > 0.9 || (block.LinkDensity > 0.5 && StartsWithStockPhrase(key))))
            {
                continue;
            }

            if (block.Kind == BlockKind.Heading && normalizedTitle is not null && key == normalizedTitle)
            {
                continue;
            }

            kept.Add(block);
        }

        return kept;
    }

    /// <summary>A stock phrase followed by a word boundary; CJK labels run straight into the headline.</summary>
    private bool StartsWithStockPhrase(string normalized) =>
        _phrases.Any(phrase => normalized.StartsWith(phrase, StringComparison.Ordinal)
            && (normalized.Length == phrase.Length || normalized[phrase.Length] == ' ' || phrase[^1] > '\u2E80'));

    /// <summary>Paragraphs separated by a blank line; consecutive list items and table rows by a line break.</summary>
    public static string Join(IReadOnlyList<TextBlock> blocks)
    {
        var text = new StringBuilder();
        TextBlock? previous = null;
        foreach (var block in blocks)
        {
            if (previous is not null)
            {
                var sameRun = block.Kind == previous.Kind && block.Kind is BlockKind.ListItem or BlockKind.TableRow;
                text.Append(sameRun ? "\n" : "\n\n");
            }

            if (block.Kind == BlockKind.ListItem)
            {
                text.Append("- ");
            }

            text.Append(block.Text);
            previous = block;
        }

        return Nfc.Normalize(text.ToString());
    }

    /// <summary>Lower case, letters, digits and single spaces only: how stock phrases are compared.</summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                space = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (char.IsWhiteSpace(c) || c is '-' or '\'' or '’')
            {
                space = true;
            }
        }

        return builder.ToString();
    }
}
