using System.Globalization;
using NewsPipeline.Extraction.Language;
using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace NewsPipeline.Extraction.Tests;

/// <summary>
/// Accuracy of language identification on short news sentences we wrote (Fixtures/language/*.txt), with no
/// declared language: one sentence is the hardest case the detector meets (a title or a first paragraph).
/// Floors are pinned at the measured figures so that a lexicon change cannot lower them silently.
/// </summary>
public sealed class LanguageAccuracyTests(ITestOutputHelper output)
{
    private static readonly LanguageIdentifier Identifier = new(LexiconLoader.Load(RepositoryPaths.Models).Languages);

    private static readonly Dictionary<string, double> Floors = new(StringComparer.Ordinal)
    {
        ["fr"] = 1.0,
        ["en"] = 1.0,
        ["ru"] = 1.0,
        ["de"] = 1.0,
        ["es"] = 1.0,
        ["pt"] = 1.0,
        ["ja"] = 1.0,
        ["zh"] = 1.0,
        ["kk"] = 1.0,
        ["ko"] = 1.0,
        ["it"] = 1.0,
    };

    public static TheoryData<string> Languages() => [.. Floors.Keys];

    [Theory]
    [MemberData(nameof(Languages))]
    public void Short_sentences_are_identified_at_or_above_the_floor(string language)
    {
        var sentences = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "language", language + ".txt"))
            .Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        Assert.True(sentences.Count >= 10, $"{language}: the set needs at least 10 sentences");

        var wrong = sentences.Select(s => (Sentence: s, Found: Identifier.Identify(null, null, s))).Where(p => p.Found != language).ToList();
        var accuracy = 1.0 - (double)wrong.Count / sentences.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{language}: {sentences.Count - wrong.Count}/{sentences.Count} = {accuracy:0.000}"));
        Assert.True(
            accuracy >= Floors[language],
            string.Create(CultureInfo.InvariantCulture, $"{language}: accuracy {accuracy:0.000} below the floor {Floors[language]:0.000}; wrong: ")
                + string.Join(" | ", wrong.Select(w => $"{w.Found}: {w.Sentence}")));
    }

    [Fact]
    public void Every_sentence_file_has_a_floor() =>
        Assert.Equal(
            Floors.Keys.Order(StringComparer.Ordinal),
            Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "language"), "*.txt").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));

    [Theory]
    [InlineData("Қазақстан биыл галлий экспортын бастайды", "kk")]
    [InlineData("Казахстан начнет экспорт галлия в этом году", "ru")]
    public void The_title_and_first_paragraph_decide_not_a_quoted_tail(string title, string expected)
    {
        // A first paragraph in the title's language, then a long quotation in the other Cyrillic language.
        var other = expected == "kk" ? "Правительство сообщило об этом во вторник на брифинге в столице." : "Үкімет бұл туралы сейсенбі күні астанадағы брифингте хабарлады.";
        var first = expected == "kk" ? "Компания бірінші тоқсанда өндірісті ұлғайтты деп хабарлады." : "Компания сообщила, что увеличила производство в первом квартале.";
        var text = first + "\n" + string.Join(" ", Enumerable.Repeat(other, 20));

        Assert.Equal(expected, Identifier.Identify(null, title, text));
    }

    [Fact]
    public void A_declared_language_we_only_identify_is_kept()
    {
        Assert.Equal("it", Identifier.Identify("it-IT", null, "Il gruppo ha firmato un contratto."));
        Assert.Equal("ko", Identifier.Identify(null, null, "광산업체가 구리 공급 계약을 체결했다."));
    }
}
