using System.Globalization;
using NewsPipeline.Extraction.Models;
using NewsPipeline.Extraction.Text;

namespace NewsPipeline.Extraction.Recognisers.Tagging;

/// <summary>
/// The features of one token for the entity tagger, shared by training and extraction: the lower-cased words
/// within ±2 and their bigrams, word shapes, affixes, script, capitalisation, lexicon cues around the token and
/// the tags already given to the two tokens before it (decoding is greedy, left to right).
/// </summary>
internal static class TaggingFeatures
{
    private const string Start = "<s>";
    private const string End = "</s>";
    private const int MaxShape = 8;

    /// <summary>Feature names per cue and offset, built once: "cue-1=LegalForm".</summary>
    private static readonly (TokenCue Cue, string[] Names)[] CueNames =
        [.. new[] { TokenCue.LegalForm, TokenCue.CompanyNoun, TokenCue.Country, TokenCue.Organisation, TokenCue.KnownFirm }
            .Select(c => (c, new[] { -2, -1, 0, 1, 2 }.Select(o => string.Create(CultureInfo.InvariantCulture, $"cue{o:+0;-0;0}={c}")).ToArray()))];

    public static void Add(TaggingInput input, int i, string previousTag, string tagBeforeThat, FeatureVectorBuilder features)
    {
        features.Clear();
        features.Add("lang=", input.Language);
        var word = Lower(input, i);
        features.Add("w0=", word);
        features.Add("w-1=", Lower(input, i - 1));
        features.Add("w+1=", Lower(input, i + 1));
        features.Add("w-2=", Lower(input, i - 2));
        features.Add("w+2=", Lower(input, i + 2));
        AddPair(features, "w-1w0=", Lower(input, i - 1), word);
        AddPair(features, "w0w+1=", word, Lower(input, i + 1));

        AddShape(features, "sh0=", input, i);
        AddShape(features, "sh-1=", input, i - 1);
        AddShape(features, "sh+1=", input, i + 1);
        AddAffixes(features, word);
        AddCapitalisation(features, input, i);
        AddCues(features, input, i);

        if (input.Tokens[i].Kind == TokenKind.Cjk)
        {
            // One character is a weak unit: character trigrams carry most of the word.
            AddTriple(features, "c-1c0c+1=", Lower(input, i - 1), word, Lower(input, i + 1));
            AddTriple(features, "c-2c-1c0=", Lower(input, i - 2), Lower(input, i - 1), word);
            AddTriple(features, "c0c+1c+2=", word, Lower(input, i + 1), Lower(input, i + 2));
        }

        features.Add("t-1=", previousTag);
        AddPair(features, "t-2t-1=", tagBeforeThat, previousTag);
        AddPair(features, "t-1w0=", previousTag, word);
        AddPair(features, "t-1sh0=", previousTag, Shape(input, i, stackalloc char[MaxShape]));
    }

    private static ReadOnlySpan<char> Lower(TaggingInput input, int i)
    {
        if (i < 0)
        {
            return Start;
        }

        if (i >= input.Tokens.Count)
        {
            return End;
        }

        var token = input.Tokens[i];
        return input.Text.Scan.AsSpan(token.Start, token.Length);
    }

    private static void AddPair(FeatureVectorBuilder features, string name, ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var state = FeatureHasher.Fnv1a(name);
        state = FeatureHasher.Fnv1a(a, state);
        state = FeatureHasher.Fnv1a("|", state);
        features.AddId(features.Hasher.Reduce(FeatureHasher.Fnv1a(b, state)));
    }

    private static void AddTriple(FeatureVectorBuilder features, string name, ReadOnlySpan<char> a, ReadOnlySpan<char> b, ReadOnlySpan<char> c)
    {
        var state = FeatureHasher.Fnv1a(name);
        state = FeatureHasher.Fnv1a(a, state);
        state = FeatureHasher.Fnv1a("|", state);
        state = FeatureHasher.Fnv1a(b, state);
        state = FeatureHasher.Fnv1a("|", state);
        features.AddId(features.Hasher.Reduce(FeatureHasher.Fnv1a(c, state)));
    }

    private static void AddShape(FeatureVectorBuilder features, string name, TaggingInput input, int i) =>
        features.Add(name, Shape(input, i, stackalloc char[MaxShape]));

    /// <summary>Character classes with repeats collapsed: "Kazatomprom" → "Xx", "JSC" → "X", "2,5" → "d,d", "三菱" → "H".</summary>
    private static ReadOnlySpan<char> Shape(TaggingInput input, int i, Span<char> buffer)
    {
        if (i < 0 || i >= input.Tokens.Count)
        {
            return i < 0 ? Start : End;
        }

        var token = input.Tokens[i];
        var length = 0;
        foreach (var c in input.Text.Original.AsSpan(token.Start, token.Length))
        {
            var kind = c switch
            {
                _ when char.IsUpper(c) => 'X',
                _ when char.IsLower(c) => 'x',
                _ when char.IsDigit(c) => 'd',
                _ when Scripts.IsHan(c) => 'H',
                _ when Scripts.IsKatakana(c) => 'K',
                _ when Scripts.IsKana(c) => 'h',
                _ when Scripts.IsHangul(c) => 'G',
                _ when char.IsLetter(c) => 'l',
                _ => c,
            };
            if (length > 0 && buffer[length - 1] == kind)
            {
                continue;
            }

            if (length == buffer.Length)
            {
                break;
            }

            buffer[length++] = kind;
        }

        return buffer[..length];
    }

    private static void AddAffixes(FeatureVectorBuilder features, ReadOnlySpan<char> word)
    {
        for (var n = 1; n <= 3 && n < word.Length; n++)
        {
            features.Add(n switch { 1 => "p1=", 2 => "p2=", _ => "p3=" }, word[..n]);
        }

        for (var n = 2; n <= 4 && n < word.Length; n++)
        {
            features.Add(n switch { 2 => "s2=", 3 => "s3=", _ => "s4=" }, word[^n..]);
        }
    }

    private static void AddCapitalisation(FeatureVectorBuilder features, TaggingInput input, int i)
    {
        var token = input.Tokens[i];
        var text = input.Text.Original.AsSpan(token.Start, token.Length);
        var initial = char.IsUpper(text[0]);
        features.Add(initial ? (i == 0 ? "cap=first" : "cap=inner") : "cap=no");
        if (initial && text.Length > 1 && IsAllCaps(text))
        {
            features.Add("caps");
        }

        features.Add("cap-1=", CapitalisedTag(input, i - 1));
        features.Add("cap+1=", CapitalisedTag(input, i + 1));
    }

    private static bool IsAllCaps(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsLower(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string CapitalisedTag(TaggingInput input, int i) =>
        i < 0 || i >= input.Tokens.Count ? "edge" : char.IsUpper(input.Text.Original[input.Tokens[i].Start]) ? "up" : "low";

    private static void AddCues(FeatureVectorBuilder features, TaggingInput input, int i)
    {
        for (var offset = -2; offset <= 2; offset++)
        {
            var k = i + offset;
            if (k < 0 || k >= input.Cues.Length || input.Cues[k] == TokenCue.None)
            {
                continue;
            }

            foreach (var cue in CueNames)
            {
                if ((input.Cues[k] & cue.Cue) != 0)
                {
                    features.Add(cue.Names[offset + 2]);
                }
            }
        }
    }
}
