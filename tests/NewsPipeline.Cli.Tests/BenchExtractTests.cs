using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Cli.Tests;

/// <summary>`bench extract`: its report (figures, baseline, stages) and its usage errors. Speed itself is not asserted.</summary>
public sealed class BenchExtractTests
{
    [Fact]
    public async Task Prints_throughput_a_same_run_baseline_and_every_stage()
    {
        using var temp = new TempDirectory();
        var input = temp.File("articles.jsonl");
        await File.WriteAllLinesAsync(input,
        [
            """{"id":"fr","text":"La société kazakhe livrera 15 tonnes de gallium par an à un groupe japonais à partir de 2026."}""",
            """{"id":"ja","text":"三菱商事は2026年からカザフスタンのガリウムを年間15トン輸入する。"}""",
            """{"id":"kk","html":"<html lang=\"kk\"><body><article><p>Қазақстан биыл Жапонияға 15 тонна галлий экспорттайды.</p></article></body></html>"}""",
        ]);

        var result = await CliProcess.RunAsync(temp.Path, "bench", "extract", "--input", input, "--min-bytes", "4000");

        Assert.True(result.ExitCode == 0, result.StandardError);
        var lines = result.StandardOutput.Split('\n');
        Assert.StartsWith("3 articles × ", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("baseline: regex word scan", StringComparison.Ordinal) && l.Contains("MB/CPU-s", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("recognition + events", StringComparison.Ordinal) && l.Contains("articles/CPU-s", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("analyzer costs ", StringComparison.Ordinal));
        foreach (var stage in new[] { "language id", "sentences", "countries", "quantities", "companies", "metals", "events" })
        {
            Assert.Contains(lines, l => l.TrimStart().StartsWith(stage, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_missing_input_is_a_usage_error_naming_it()
    {
        using var temp = new TempDirectory();

        var result = await CliProcess.RunAsync(temp.Path, "bench", "extract", "--input", temp.File("absent.jsonl"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("absent.jsonl", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_size_that_is_not_positive_is_a_usage_error()
    {
        using var temp = new TempDirectory();
        var input = temp.File("articles.jsonl");
        await File.WriteAllTextAsync(input, """{"id":"en","text":"Copper output rose."}""" + "\n");

        var result = await CliProcess.RunAsync(temp.Path, "bench", "extract", "--input", input, "--min-bytes", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--min-bytes", result.StandardError, StringComparison.Ordinal);
    }
}
