namespace NewsPipeline.Extraction.Text;

/// <summary>What a token is made of.</summary>
internal enum TokenKind
{
    Word,
    Number,
    Cjk,
    Punctuation,
}

/// <summary>A token as a half-open span of the article text.</summary>
internal sealed record Token(int Start, int End, TokenKind Kind)
{
    public int Length => End - Start;
}
