using NewsPipeline.Extraction.Text;

namespace NewsPipeline.Extraction.Recognisers.Tagging;

/// <summary>One sentence ready for tagging: its tokens (the extraction tokenizer decides the units, single characters in CJK) and their lexicon cues.</summary>
internal sealed record TaggingInput(AnalysisText Text, IReadOnlyList<Token> Tokens, TokenCue[] Cues, string Language);
