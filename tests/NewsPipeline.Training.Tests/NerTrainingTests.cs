using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.Extraction.Models;
using NewsPipeline.Extraction.Recognisers.Tagging;
using NewsPipeline.TestSupport;
using NewsPipeline.Training.Ner;
using Xunit;

namespace NewsPipeline.Training.Tests;

/// <summary>Training and tagging share one feature code path: a tagger trained on a few sentences written here tags new ones in the same pattern.</summary>
public sealed class NerTrainingTests
{
    [Fact]
    public void A_tagger_trained_on_hand_written_sentences_finds_a_new_name_in_the_same_pattern()
    {
        var lexicons = LexiconLoader.Load(RepositoryPaths.Models);
        var cues = new TokenCues(lexicons);
        var examples = new NerExamples(cues, new FeatureHasher(14));
        string[] firms = ["Brevanor", "Quorvel", "Talvorex", "Ardanex", "Velmora", "Korvath", "Ostrelis", "Dunmarra"];
        string[] people = ["Paul Roux", "Anna Weber", "Lena Vogt", "Marc Petit"];
        var sentences = new List<AnnotatedText>();
        for (var k = 0; k < 40; k++)
        {
            var firm = firms[k % firms.Length];
            var person = people[k % people.Length];
            var text = $"Selon {person}, la société {firm} livrera du cuivre.";
            var personStart = text.IndexOf(person, StringComparison.Ordinal);
            var firmStart = text.IndexOf(firm, StringComparison.Ordinal);
            sentences.Add(new AnnotatedText("fr", "test", DataSplit.Train, text,
                [new EntitySpan(personStart, personStart + person.Length, EntityTypes.Person), new EntitySpan(firmStart, firmStart + firm.Length, EntityTypes.Company)]));
        }

        var model = new LinearTrainer(new LinearTrainerOptions { Bits = 14, Iterations = 20 }).Train([.. sentences.SelectMany(examples.Examples)]);
        var tagger = new EntityTagger(model, cues);

        var probe = new AnnotatedText("fr", "test", DataSplit.Test, "Selon Jean Morel, la société Zelvantis livrera du cuivre.", []);
        var found = tagger.Tag(examples.Prepare(probe)!).Select(e => (probe.Text[e.Start..e.End], e.Type)).ToList();

        Assert.Contains(("Zelvantis", "COMPANY"), found);
        Assert.Contains(("Jean Morel", "PER"), found);
    }

    [Fact]
    public void Gold_tags_follow_the_extraction_tokens()
    {
        var examples = new NerExamples(new TokenCues(LexiconLoader.Load(RepositoryPaths.Models)), new FeatureHasher(10));
        var sentence = new AnnotatedText("ja", "test", DataSplit.Train, "豊浜電池が発表", [new EntitySpan(0, 4, EntityTypes.Company)]);

        var tags = NerExamples.GoldTags(examples.Prepare(sentence)!, sentence.Entities);

        Assert.Equal(["B-COMPANY", "I-COMPANY", "I-COMPANY", "I-COMPANY", "O", "O", "O"], tags);
    }
}
