using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.Extraction.Models;
using NewsPipeline.Extraction.Text;

namespace NewsPipeline.Extraction.Recognisers.Tagging;

/// <summary>
/// Guards on what the statistical tagger may add as a company: a high probability, a name of some length, and for
/// plain organisations (the only tag most corpora give firms, and also ministries, routes and clubs) a higher bar.
/// Set on the dev set so that the tagger does not lower company F1: at 0.7/0.8 it added two wrong names there,
/// at 0.5/0.5 one right name for thirteen wrong ones.
/// </summary>
internal sealed record CompanyTaggingGuards(float MinCompanyProbability, float MinOrganisationProbability, int MinLetters, int MinCjkCharacters)
{
    public static CompanyTaggingGuards Default { get; } = new(0.80f, 0.90f, 3, 2);
}

/// <summary>
/// The last layer of the company recogniser: entities from the statistical tagger that look like firms and that
/// no list or rule found. Candidates are only proposed here; the recogniser applies its own guards as for every layer.
/// </summary>
internal sealed class CompanyTagging(EntityTagger tagger, MetalLexicon metals, CompanyTaggingGuards guards)
{
    public const string DirectoryName = "ner";
    public const string ModelFileName = "entities.nplm";
    public const string ReportFileName = "entities.json";

    public static string ModelPath(string modelsDirectory) => Path.Combine(modelsDirectory, DirectoryName, ModelFileName);

    /// <summary>Loads the shipped tagger; throws <see cref="InvalidDataException"/> when the model is missing or unreadable.</summary>
    public static CompanyTagging Load(string modelsDirectory, LexiconSet lexicons)
    {
        var path = ModelPath(modelsDirectory);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"the entity tagger model is missing: {path} (rebuild it with `newspipeline train ner`)");
        }

        return new CompanyTagging(new EntityTagger(LinearModel.Load(path), new TokenCues(lexicons)), lexicons.Metals, CompanyTaggingGuards.Default);
    }

    public IEnumerable<CompanyFound> Candidates(AnalysisText text, string language, IReadOnlyList<Sentence> sentences)
    {
        var metalWords = metals.Matcher.For(language);
        foreach (var sentence in sentences)
        {
            foreach (var entity in tagger.Tag(text, sentence.Start, sentence.End, language))
            {
                if (IsCompanyLike(entity) && LongEnough(text.Original, entity) && !IsMetalWord(text, entity, metalWords))
                {
                    var mention = text.Slice(entity.Start, entity.End);
                    yield return new CompanyFound(entity.Start, entity.End, mention, mention, null);
                }
            }
        }
    }

    private bool IsCompanyLike(TaggedEntity entity) => entity.Type switch
    {
        "COMPANY" => entity.Probability >= guards.MinCompanyProbability,
        "ORG" => entity.Probability >= guards.MinOrganisationProbability,
        _ => false,
    };

    /// <summary>Enough letters to be a name, and in spaced scripts a capital or digit first (the tagger sometimes tags common nouns).</summary>
    private bool LongEnough(string text, TaggedEntity entity)
    {
        var span = text.AsSpan(entity.Start, entity.End - entity.Start);
        var cjk = 0;
        var letters = 0;
        foreach (var c in span)
        {
            cjk += Scripts.IsCjk(c) ? 1 : 0;
            letters += char.IsLetterOrDigit(c) ? 1 : 0;
        }

        return cjk > 0 ? cjk >= guards.MinCjkCharacters : letters >= guards.MinLetters && (char.IsUpper(span[0]) || char.IsDigit(span[0]));
    }

    /// <summary>A metal word alone ("Lithium", "Никель") is a commodity, not a firm.</summary>
    private static bool IsMetalWord(AnalysisText text, TaggedEntity entity, PhraseMatcher<MetalEntry> metalWords) =>
        metalWords.MatchAt(text, entity.Start, entity.End) is { } metal && metal.End >= entity.End;
}
