namespace NewsPipeline.Extraction.Text;

/// <summary>A sentence as a half-open span [Start, End) of the article text.</summary>
internal sealed record Sentence(int Index, int Start, int End)
{
    public bool Contains(int position) => position >= Start && position < End;
}
