using NewsPipeline.TestSupport;
using NewsPipeline.Training.Ner;
using Xunit;

namespace NewsPipeline.Training.Tests;

/// <summary>The corpus readers on small files in each format, written here; and on the real corpora when ../shared is present.</summary>
public sealed class NerReaderTests
{
    private static string? Map(string raw) => raw switch { "PER" => "PER", "ORG" or "ORGANISATION" => "ORG", "LOC" or "GPE" => "LOC", _ => null };

    [Fact]
    public void Iob1_tags_open_an_entity_with_I_and_unmapped_types_are_outside()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "fr.bio");
        File.WriteAllLines(path, ["La O", "société O", "Valmarine I-ORG", "Métaux I-ORG", "livre O", "Lyon I-LOC", "depuis O", "1920 I-DATE", ". O", "Paul I-PER", "Roux I-PER", "signe O"]);

        var texts = ConllReader.Read(path, new ConllFormat(0, -1, SplitSentences: true), Map, "fr", "test", (_, _) => DataSplit.Train);

        Assert.Equal(2, texts.Count);
        Assert.Equal("La société Valmarine Métaux livre Lyon depuis 1920 .", texts[0].Text);
        Assert.Equal([("Valmarine Métaux", "ORG"), ("Lyon", "LOC")], texts[0].Entities.Select(e => (texts[0].Text[e.Start..e.End], e.Type)));
        Assert.Equal([("Paul Roux", "PER")], texts[1].Entities.Select(e => (texts[1].Text[e.Start..e.End], e.Type)));
    }

    [Fact]
    public void Iob2_columns_with_comments_and_cjk_tokens_join_without_spaces()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "zh.iob2");
        File.WriteAllLines(path, ["# sent_id = 1", "1\t青峰\tB-ORG\t-\t-", "1\t礦業\tI-ORG\t-\t-", "2\t在\tO\t-\t-", "3\t智利\tB-LOC\t-\t-", "4\t開採\tO\t-\t-", "", "1\tB\tB-ORG\t-\t-", "2\tC\tB-ORG\t-\t-"]);

        var texts = ConllReader.Read(path, new ConllFormat(1, 2), Map, "zh", "test", (k, _) => k == 0 ? DataSplit.Train : DataSplit.Test);

        Assert.Equal("青峰礦業在智利開採", texts[0].Text);
        Assert.Equal(["青峰礦業", "智利"], texts[0].Entities.Select(e => texts[0].Text[e.Start..e.End]));
        Assert.Equal(DataSplit.Test, texts[1].Split);
        // Two B- tags in a row are two entities.
        Assert.Equal(2, texts[1].Entities.Count);
    }

    [Fact]
    public void Stand_off_objects_cover_their_name_spans_only()
    {
        using var temp = new TempDirectory();
        var stem = Path.Combine(temp.Path, "book_1");
        File.WriteAllLines(stem + ".tokens", ["10 0 8 Компания", "11 9 7 Северо", "12 16 1 -", "13 17 6 Никель", "14 24 6 купила", "", "15 31 4 Иван", "16 36 6 Петров"]);
        File.WriteAllLines(stem + ".spans", ["1 org_descr 0 8 10 1  # 10 Компания", "2 org_name 9 14 11 3  # 11 12 13 Северо - Никель", "3 name 31 4 15 1  # 15 Иван", "4 surname 36 6 16 1  # 16 Петров"]);
        File.WriteAllLines(stem + ".objects", ["100 Org 1 2 # Компания Северо-Никель", "101 Person 3 4 # Иван Петров"]);

        var texts = FactRuEvalReader.ReadFolder(temp.Path, raw => raw switch { "Org" => "ORG", "Person" => "PER", _ => null }, "test", DataSplit.Train);

        Assert.Equal(2, texts.Count);
        Assert.Equal([("Северо - Никель", "ORG")], texts[0].Entities.Select(e => (texts[0].Text[e.Start..e.End], e.Type)));
        Assert.Equal([("Иван Петров", "PER")], texts[1].Entities.Select(e => (texts[1].Text[e.Start..e.End], e.Type)));
    }

    [Fact]
    public void Character_span_json_keeps_companies_apart_from_other_organisations()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "ner.json");
        File.WriteAllText(path, """[{"curid":"1","text":"青嶺鉱業は経済産業省と協議した。","entities":[{"name":"青嶺鉱業","span":[0,4],"type":"法人名"},{"name":"経済産業省","span":[5,10],"type":"政治的組織名"}]}]""");

        var texts = StockmarkReader.Read(path, raw => raw switch { "法人名" => "COMPANY", "政治的組織名" => "ORG", _ => null }, "test", (_, _) => DataSplit.Train);

        Assert.Equal([("青嶺鉱業", "COMPANY"), ("経済産業省", "ORG")], texts[0].Entities.Select(e => (texts[0].Text[e.Start..e.End], e.Type)));
    }

    [SkippableFact]
    public void Every_shared_corpus_loads_with_entities_in_both_splits()
    {
        var root = SharedCorpora.RequireDirectory("corpora/ner");
        var messages = new List<string>();
        var texts = NerCorpus.Load(root, NerCorpus.Languages.ToList(), messages.Add);

        Assert.DoesNotContain(messages, m => m.StartsWith("missing", StringComparison.Ordinal));
        foreach (var language in NerCorpus.Languages)
        {
            Assert.True(texts.Any(t => t.Language == language && t.Split == DataSplit.Train && t.Entities.Count > 0), $"{language}: no training entities");
            Assert.True(texts.Any(t => t.Language == language && t.Split == DataSplit.Test && t.Entities.Count > 0), $"{language}: no held-out entities");
        }

        Assert.Contains(texts, t => t.Language == "ja" && t.Entities.Any(e => e.Type == EntityTypes.Company));
        Assert.All(texts.SelectMany(t => t.Entities.Select(e => (t, e))), p => Assert.InRange(p.e.End, p.e.Start + 1, p.t.Text.Length));
    }
}
