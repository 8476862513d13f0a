using System.Text.Json;
using NewsPipeline.Core.Extraction;
using Xunit;

namespace NewsPipeline.Extraction.Tests;

public sealed class ConcurrencyTests(AnalyzerFixture fixture) : IClassFixture<AnalyzerFixture>
{
    [Fact]
    public void One_analyzer_gives_the_same_record_on_many_threads()
    {
        var inputs = new[]
        {
            new ExtractionInput("fr", "La société Eramet fournira 12 000 tonnes de nickel par an à Renault à partir de 2026.", Language: "fr"),
            new ExtractionInput("zh", "赣锋锂业将向特斯拉供应每年3万吨氢氧化锂。"),
            new ExtractionInput("kk", "Қазақстаннан Жапонияға жылына 20 тонна галлий жеткізіледі."),
        };
        var expected = inputs.Select(i => JsonSerializer.Serialize(fixture.Analyzer.Analyze(i))).ToList();

        var results = new string[300];
        Parallel.For(0, results.Length, k => results[k] = JsonSerializer.Serialize(fixture.Analyzer.Analyze(inputs[k % inputs.Length])));

        for (var k = 0; k < results.Length; k++)
        {
            Assert.Equal(expected[k % inputs.Length], results[k]);
        }
    }
}
