namespace NewsPipeline.Training.Ner;

/// <summary>
/// The corpora of ../shared/corpora/ner and how each is read, typed and split (see each folder's README).
/// Where a corpus ships a test split it is the held-out set; otherwise its last tenth, in corpus order, is held
/// out, so names from one article rarely sit on both sides.
/// </summary>
public static class NerCorpus
{
    /// <summary>Languages this loader can read, in the order it reads them.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["fr", "de", "en", "ru", "kk", "zh", "ja"];

    /// <summary>Loads every corpus of the wanted languages that is present under <paramref name="root"/>; missing folders are reported, not fatal.</summary>
    public static IReadOnlyList<AnnotatedText> Load(string root, IReadOnlyCollection<string> languages, Action<string> report, List<(string Path, string Licence)>? used = null)
    {
        var texts = new List<AnnotatedText>();
        foreach (var source in Sources())
        {
            if (!languages.Contains(source.Language))
            {
                continue;
            }

            var path = Path.Combine(root, source.Path);
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                report($"missing {source.Path}: skipped");
                continue;
            }

            var read = source.Read(path);
            used?.Add((source.Path, source.Licence));
            report($"{source.Path}: {read.Count} sentences ({read.Count(t => t.Split == DataSplit.Test)} held out), {read.Sum(t => t.Entities.Count)} entities");
            texts.AddRange(read);
        }

        return texts;
    }

    /// <summary>The last tenth of a corpus is the held-out test set.</summary>
    private static DataSplit LastTenth(int index, int count) => index >= count - (count / 10) ? DataSplit.Test : DataSplit.Train;

    private static Func<int, int, DataSplit> All(DataSplit split) => (_, _) => split;

    private static string? CommonType(string raw) => raw.ToUpperInvariant() switch
    {
        "PER" or "PERSON" => EntityTypes.Person,
        "LOC" or "LOCATION" or "GPE" => EntityTypes.Location,
        "ORG" or "ORGANISATION" or "ORGANIZATION" => EntityTypes.Organisation,
        _ => null,
    };

    /// <summary>stockmark separates companies (法人名) from political and other organisations.</summary>
    private static string? StockmarkType(string raw) => raw switch
    {
        "法人名" => EntityTypes.Company,
        "政治的組織名" or "その他の組織名" => EntityTypes.Organisation,
        "人名" => EntityTypes.Person,
        "地名" => EntityTypes.Location,
        _ => null,
    };

    /// <summary>factRuEval's LocOrg is a place standing for its government (мэрия Москвы): a location, never a company.</summary>
    private static string? FactRuEvalType(string raw) => raw switch
    {
        "Org" => EntityTypes.Organisation,
        "Person" => EntityTypes.Person,
        "Location" or "LocOrg" => EntityTypes.Location,
        _ => null,
    };

    private static IEnumerable<Source> Sources()
    {
        var words = new ConllFormat(0, -1);
        var europeana = new ConllFormat(0, -1, SplitSentences: true);
        var uner = new ConllFormat(1, 2);
        yield return new("fr", "europeana-newspapers-fr-de-nl/enp_FR.bnf.bio/enp_FR.bnf.bio", p => ConllReader.Read(p, europeana, CommonType, "fr", "europeana-fr", LastTenth));
        foreach (var library in new[] { "lft", "onb", "sbb" })
        {
            yield return new("de", $"europeana-newspapers-fr-de-nl/enp_DE.{library}.bio/enp_DE.{library}.bio", p => ConllReader.Read(p, europeana, CommonType, "de", "europeana-de-" + library, LastTenth));
        }

        yield return new("en", "wikigold-en/wikigold.conll.txt", p => ConllReader.Read(p, words, CommonType, "en", "wikigold", LastTenth));
        yield return new("en", "sec-filings-en/train/FIN5.txt", p => ConllReader.Read(p, words, CommonType, "en", "sec-filings", All(DataSplit.Train)));
        yield return new("en", "sec-filings-en/test/FIN3.txt", p => ConllReader.Read(p, words, CommonType, "en", "sec-filings", All(DataSplit.Test)));
        yield return new("en", "uner-en-zh-ru/English-EWT/en_ewt-ud-dev.iob2", p => ConllReader.Read(p, uner, CommonType, "en", "uner-ewt", All(DataSplit.Train)));
        yield return new("en", "uner-en-zh-ru/English-EWT/en_ewt-ud-test.iob2", p => ConllReader.Read(p, uner, CommonType, "en", "uner-ewt", All(DataSplit.Test)));
        yield return new("ru", "factrueval-2016-ru/devset", p => FactRuEvalReader.ReadFolder(p, FactRuEvalType, "factrueval", DataSplit.Train));
        yield return new("ru", "factrueval-2016-ru/testset", p => FactRuEvalReader.ReadFolder(p, FactRuEvalType, "factrueval", DataSplit.Test));
        yield return new("ru", "uner-en-zh-ru/Russian-PUD/ru_pud-ud-test.iob2", p => ConllReader.Read(p, uner, CommonType, "ru", "uner-pud", LastTenth));
        yield return new("kk", "kaznerd-kk/IOB2_valid.txt", p => ConllReader.Read(p, words, CommonType, "kk", "kaznerd", All(DataSplit.Train)));
        yield return new("kk", "kaznerd-kk/IOB2_test.txt", p => ConllReader.Read(p, words, CommonType, "kk", "kaznerd", All(DataSplit.Test)));
        yield return new("zh", "uner-en-zh-ru/Chinese-GSD/zh_gsd-ud-train.iob2", p => ConllReader.Read(p, uner, CommonType, "zh", "uner-gsd", All(DataSplit.Train)));
        yield return new("zh", "uner-en-zh-ru/Chinese-GSD/zh_gsd-ud-dev.iob2", p => ConllReader.Read(p, uner, CommonType, "zh", "uner-gsd", All(DataSplit.Train)));
        yield return new("zh", "uner-en-zh-ru/Chinese-GSD/zh_gsd-ud-test.iob2", p => ConllReader.Read(p, uner, CommonType, "zh", "uner-gsd", All(DataSplit.Test)));
        yield return new("ja", "stockmark-ner-wikipedia-ja/ner.json", p => StockmarkReader.Read(p, StockmarkType, "stockmark", LastTenth));
    }

    private sealed record Source(string Language, string Path, Func<string, List<AnnotatedText>> Read)
    {
        public string Licence => Licences.First(l => Path.StartsWith(l.Folder, StringComparison.Ordinal)).Licence;
    }

    /// <summary>Licence of each corpus folder, from its README (kept with the model in models/manifest.json).</summary>
    private static readonly (string Folder, string Licence)[] Licences =
    [
        ("europeana-newspapers-fr-de-nl/", "CC0-1.0"),
        ("wikigold-en/", "CC-BY-4.0"),
        ("sec-filings-en/", "CC-BY-3.0 (Alvarado, Verspoor, Baldwin 2015, ALTA)"),
        ("uner-en-zh-ru/", "CC-BY-SA-4.0"),
        ("factrueval-2016-ru/", "MIT"),
        ("kaznerd-kk/", "CC-BY-4.0"),
        ("stockmark-ner-wikipedia-ja/", "CC-BY-SA-3.0"),
    ];

    /// <summary>The corpus paths (relative to the NER data folder) and licences used for these languages.</summary>
    public static IReadOnlyList<(string Path, string Licence)> Describe(IReadOnlyCollection<string> languages) =>
        [.. Sources().Where(s => languages.Contains(s.Language)).Select(s => (s.Path, s.Licence))];
}
