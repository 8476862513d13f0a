using System.Text;
using NewsPipeline.Extraction.Text;

namespace NewsPipeline.Training.Ner;

/// <summary>
/// Builds an <see cref="AnnotatedText"/> from tokens with BIO tags (IOB2, or IOB1 where an I- tag may open an
/// entity). Tags are mapped to <see cref="EntityTypes"/> by the corpus; unmapped types count as outside.
/// </summary>
internal sealed class TokenSentenceBuilder(Func<string, string?> mapType)
{
    private readonly List<(string Token, string Tag)> tokens = [];

    public int Count => tokens.Count;

    public void Add(string token, string tag) => tokens.Add((token.Normalize(NormalizationForm.FormC), tag));

    public void Clear() => tokens.Clear();

    public AnnotatedText Build(string language, string corpus, DataSplit split)
    {
        var text = new StringBuilder();
        var entities = new List<EntitySpan>();
        (int Start, int End, string Type)? open = null;
        foreach (var (token, tag) in tokens)
        {
            if (text.Length > 0 && !(Scripts.IsCjk(text[^1]) && Scripts.IsCjk(token[0])))
            {
                text.Append(' ');
            }

            var start = text.Length;
            text.Append(token);
            var (prefix, type) = Split(tag);
            var continues = open is { } current && type is not null && prefix == 'I' && string.Equals(current.Type, type, StringComparison.Ordinal);
            if (continues)
            {
                open = (open!.Value.Start, text.Length, type!);
                continue;
            }

            if (open is { } done)
            {
                entities.Add(new EntitySpan(done.Start, done.End, done.Type));
            }

            open = type is null ? null : (start, text.Length, type);
        }

        if (open is { } last)
        {
            entities.Add(new EntitySpan(last.Start, last.End, last.Type));
        }

        return new AnnotatedText(language, corpus, split, text.ToString(), entities);
    }

    private (char Prefix, string? Type) Split(string tag)
    {
        if (tag.Length > 2 && tag[1] == '-' && char.ToUpperInvariant(tag[0]) is 'B' or 'I')
        {
            return (char.ToUpperInvariant(tag[0]), mapType(tag[2..]));
        }

        return ('O', null);
    }
}
