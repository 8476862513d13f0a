namespace NewsPipeline.Extraction.Text;

/// <summary>
/// Splits text into words (letters with inner hyphens, apostrophes and ampersands), numbers, single CJK
/// characters (CJK has no spaces, so each character is its own token) and punctuation.
/// </summary>
internal static class Tokenizer
{
    public static IReadOnlyList<Token> Tokenize(string text, int start = 0, int end = -1)
    {
        if (end < 0)
        {
            end = text.Length;
        }

        var tokens = new List<Token>();
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (Scripts.IsCjk(c))
            {
                tokens.Add(new Token(i, i + 1, TokenKind.Cjk));
                i++;
                continue;
            }

            if (char.IsDigit(c))
            {
                var j = i + 1;
                while (j < end && (char.IsDigit(text[j]) || ((text[j] == '.' || text[j] == ',') && j + 1 < end && char.IsDigit(text[j + 1]))))
                {
                    j++;
                }

                tokens.Add(new Token(i, j, TokenKind.Number));
                i = j;
                continue;
            }

            if (Scripts.IsWordChar(c))
            {
                var j = i + 1;
                while (j < end && (Scripts.IsWordChar(text[j]) || (IsInner(text[j]) && j + 1 < end && Scripts.IsWordChar(text[j + 1]))))
                {
                    j++;
                }

                tokens.Add(new Token(i, j, TokenKind.Word));
                i = j;
                continue;
            }

            tokens.Add(new Token(i, i + 1, TokenKind.Punctuation));
            i++;
        }

        return tokens;
    }

    private static bool IsInner(char c) => c is '-' or '\'' or '\u2019' or '&';
}
