using NewsPipeline.Extraction.Lexicons;

namespace NewsPipeline.Extraction.Text;

/// <summary>
/// Splits text into sentences: at line breaks, at CJK full stops (unless a closing quote continues the sentence, as in
/// 「…。」と述べた), and at Latin/Cyrillic full stops that are not part of an abbreviation (Ltd., Corp., т., г.), a number
/// (96.5) or an initial, and are followed by a new sentence; closing quotes stay with the sentence they end.
/// </summary>
internal sealed class SentenceSegmenter(TextLexicon lexicon)
{
    private const string Closers = "\"'»”’)]）」』】";

    public IReadOnlyList<Sentence> Segment(string text, string language)
    {
        var abbreviations = lexicon.Abbreviations.For(language);
        var terminators = lexicon.Terminators.For(language);
        var sentences = new List<Sentence>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            int end;
            if (c == '\n')
            {
                end = i;
            }
            else if (c is '。' or '！' or '？' || (terminators.Contains(c) && IsSentenceEnd(text, i, abbreviations)))
            {
                end = AfterClosers(text, i + 1);

                // A quoted sentence followed by a particle (「契約を結んだ。」と述べた) does not end the outer one.
                if (end > i + 1 && end < text.Length && Scripts.IsKana(text[end]))
                {
                    continue;
                }
            }
            else
            {
                continue;
            }

            Add(sentences, text, start, end);
            start = c == '\n' ? i + 1 : end;
            i = start - 1;
        }

        Add(sentences, text, start, text.Length);
        return sentences;
    }

    private static void Add(List<Sentence> sentences, string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            sentences.Add(new Sentence(sentences.Count, start, end));
        }
    }

    /// <summary>The position after the closing quotes and brackets that follow a terminator, French spaced « … » included.</summary>
    private static int AfterClosers(string text, int position)
    {
        var end = position;
        while (true)
        {
            var probe = end;
            while (probe < text.Length && text[probe] is ' ' or '\u00A0' or '\u202F')
            {
                probe++;
            }

            if (probe < text.Length && Closers.Contains(text[probe], StringComparison.Ordinal) && (probe == end || text[probe] == '»'))
            {
                end = probe + 1;
                continue;
            }

            return end;
        }
    }

    private static bool IsSentenceEnd(string text, int i, IReadOnlySet<string> abbreviations)
    {
        var next = AfterClosers(text, i + 1);

        if (next >= text.Length)
        {
            return true;
        }

        if (text[i] != '.')
        {
            return char.IsWhiteSpace(text[next]);
        }

        // A full stop inside a number or a domain name (96.5, INTERFAX.RU) is not an end.
        if (!char.IsWhiteSpace(text[next]))
        {
            return false;
        }

        var wordStart = i;
        while (wordStart > 0 && (char.IsLetterOrDigit(text[wordStart - 1]) || text[wordStart - 1] == '.'))
        {
            wordStart--;
        }

        // Abbreviations, initials and day ordinals ("am 1. März") do not end a sentence.
        var word = text[wordStart..i];
        if (word.Length > 0 && (abbreviations.Contains(word) || (word.Length == 1 && char.IsUpper(word[0])) || (word.Length <= 2 && word.All(char.IsDigit))))
        {
            return false;
        }

        var after = next;
        while (after < text.Length && text[after] == ' ')
        {
            after++;
        }

        if (after >= text.Length || text[after] == '\n')
        {
            return true;
        }

        var first = text[after];
        return char.IsUpper(first) || char.IsDigit(first) || "«\"“„'(‘[—–-".Contains(first, StringComparison.Ordinal) || Scripts.IsCjk(first);
    }
}
