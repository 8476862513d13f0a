using System.Security.Cryptography;
using System.Text.Json;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.Extraction.Models;
using NewsPipeline.Extraction.Recognisers;
using NewsPipeline.Extraction.Recognisers.Tagging;
using NewsPipeline.Extraction.Text;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Extraction.Tests;

/// <summary>
/// The shipped statistical tagger (models/ner) and the company recogniser's last layer. Every sentence here is
/// written for this test; the firm names are invented, so no lexicon can know them.
/// </summary>
public sealed class CompanyTaggerTests(AnalyzerFixture fixture) : IClassFixture<AnalyzerFixture>
{
    private static readonly Lazy<EntityTagger> Tagger = new(() =>
        new EntityTagger(LinearModel.Load(CompanyTagging.ModelPath(RepositoryPaths.Models)), new TokenCues(LexiconLoader.Load(RepositoryPaths.Models))));

    [Fact]
    public void Shipped_model_loads_with_company_organisation_person_and_place_tags()
    {
        var model = Tagger.Value.Model;
        foreach (var label in new[] { "O", "B-COMPANY", "I-COMPANY", "B-ORG", "I-ORG", "B-PER", "I-PER", "B-LOC", "I-LOC" })
        {
            Assert.Contains(label, model.Labels);
        }

        Assert.InRange(model.Bits, 16, 20);
        Assert.True(new FileInfo(CompanyTagging.ModelPath(RepositoryPaths.Models)).Length < 10 * 1024 * 1024, "the model must stay small enough for git");
    }

    [Fact]
    public void Manifest_records_the_model_hash_its_training_data_and_share_alike_licence()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Models, "manifest.json")));
        var entry = manifest.RootElement.GetProperty("artefacts").EnumerateArray()
            .Single(a => a.GetProperty("name").GetString() == CompanyTagging.DirectoryName + "/" + CompanyTagging.ModelFileName);

        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(CompanyTagging.ModelPath(RepositoryPaths.Models))));
        Assert.True(hash == entry.GetProperty("sha256").GetString(), "ner model sha256 is stale: rerun `newspipeline train ner`");
        Assert.Contains(entry.GetProperty("trainingData").EnumerateArray(), d => d.GetString()!.Contains("stockmark", StringComparison.Ordinal));
        Assert.Contains("CC-BY-SA", entry.GetProperty("licence").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(UnknownFirms))]
    public void Tagger_marks_an_invented_firm_as_a_company_or_organisation(string language, string sentence, string firm)
    {
        var text = AnalysisText.From(sentence);
        var entities = Tagger.Value.Tag(text, 0, text.Length, language);

        Assert.Contains(entities, e => e.Type is "COMPANY" or "ORG" && text.Original[e.Start..e.End].Contains(firm, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(PeopleAndPlaces))]
    public void People_and_countries_are_never_companies(string language, string sentence, string person, string country)
    {
        var result = fixture.Analyzer.Analyze(new ExtractionInput("t", sentence, Language: language));

        Assert.DoesNotContain(result.Companies, c => c.Mention.Contains(person, StringComparison.Ordinal) || person.Contains(c.Mention, StringComparison.Ordinal));
        Assert.DoesNotContain(result.Companies, c => c.Mention.Contains(country, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ja", "青嶺鉱業は豊浜電池とリチウムの供給契約を結んだと発表した。", "豊浜電池")]
    [InlineData("ja", "株式会社北辰マテリアルは、東海精錬との合併を発表した。", "東海精錬")]
    public void Recogniser_adds_a_firm_only_the_tagger_knows(string language, string sentence, string firm)
    {
        var lexicons = LexiconLoader.Load(RepositoryPaths.Models);
        var text = AnalysisText.From(sentence);
        IReadOnlyList<Sentence> sentences = [new Sentence(0, 0, text.Length)];
        CompanyFound[] Recognise(CompanyTaggingGuards guards) =>
        [
            .. new CompanyRecogniser(lexicons.Companies, lexicons.Languages, lexicons.Events, lexicons.Dates, new CompanyTagging(Tagger.Value, lexicons.Metals, guards))
                .Recognise(text, language, sentences, [], [], []),
        ];

        Assert.Contains(Recognise(CompanyTaggingGuards.Default), c => c.Name == firm);
        // The same recogniser with a tagger that may add nothing does not find it: the name comes from the tagger alone.
        Assert.DoesNotContain(Recognise(new CompanyTaggingGuards(1.01f, 1.01f, 3, 2)), c => c.Name.Contains(firm, StringComparison.Ordinal));
    }

    /// <summary>Invented firms in running text, without legal forms or quotes; the languages where the shipped model finds them.</summary>
    public static TheoryData<string, string, string> UnknownFirms() => new()
    {
        { "en", "Analysts at Pembridge Capital expect Norcastle Mining to cut output.", "Norcastle Mining" },
        { "en", "The board of Halvercroft Holdings approved the purchase of a stake in a copper mine.", "Halvercroft Holdings" },
        { "ru", "Компания Северный Вольфрам подписала соглашение о поставках вольфрама.", "Северный Вольфрам" },
        { "es", "Los accionistas de la minera aprobaron la venta a Volterra Energía.", "Volterra Energía" },
        { "ja", "青嶺鉱業は豊浜電池とリチウムの供給契約を結んだと発表した。", "豊浜電池" },
        { "ja", "株式会社北辰マテリアルは、東海精錬との合併を発表した。", "東海精錬" },
    };

    public static TheoryData<string, string, string, string> PeopleAndPlaces() => new()
    {
        { "fr", "Selon Marc Lefèvre, la France veut sécuriser son approvisionnement en lithium.", "Marc Lefèvre", "France" },
        { "en", "Maria Gonzalez said Chile would raise copper output next year.", "Maria Gonzalez", "Chile" },
        { "de", "Laut Klaus Becker will Deutschland mehr Kupfer aus Peru importieren.", "Klaus Becker", "Deutschland" },
        { "es", "Según Ana Morales, Argentina exportará más litio a China.", "Ana Morales", "Argentina" },
        { "pt", "Segundo João Almeida, o Brasil vai exportar mais níquel.", "João Almeida", "Brasil" },
        { "ru", "По словам Ивана Петрова, Казахстан увеличит добычу урана.", "Ивана Петрова", "Казахстан" },
        { "kk", "Асқар Мамин айтқандай, Қазақстан мыс экспортын арттырады.", "Асқар Мамин", "Қазақстан" },
        { "ja", "田中太郎氏によると、日本はニッケルの輸入を増やす。", "田中太郎", "日本" },
        { "zh", "据张伟介绍，中国将增加钴的进口。", "张伟", "中国" },
    };
}
