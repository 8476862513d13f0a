using System.Text.Json;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Cli.Tests;

/// <summary>DESIGN §4: exit codes, stdout for data, stderr for diagnostics.</summary>
public sealed class CommandLineContractTests
{
    [Fact]
    public async Task Unknown_option_is_a_usage_error_with_exit_code_2()
    {
        using var temp = new TempDirectory();
        var result = await CliProcess.RunAsync(temp.Path, "query", "--colour", "red");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.StandardOutput);
        Assert.Contains("--colour", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_filter_values_are_usage_errors_naming_each_problem()
    {
        using var temp = new TempDirectory();
        var result = await CliProcess.RunAsync(temp.Path, "query", "--country", "Japan", "--since", "yesterday");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--country: 'Japan'", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("--since: 'yesterday'", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extract_writes_one_record_per_input_line_in_order_and_reports_bad_lines()
    {
        using var temp = new TempDirectory();
        var input = temp.File("in.jsonl");
        await File.WriteAllLinesAsync(input,
        [
            """{"id":"b-2","text":"Die Nordhütte GmbH liefert ab 2027 jährlich 12 Tonnen Germanium an Sanko Materials K.K. in Japan.","language":"de"}""",
            """{"id":"a-1","text":"Казахстан экспортировал 215 тыс. т меди в Китай в 2025 году."}""",
            """{"text":"no id here"}""",
            """{"id":"c-3","html":"<html lang=\"ja\"><body><article><p>三菱商事は2026年からカザフスタンのガリウムを年間15トン輸入する。</p></article></body></html>"}""",
        ]);

        var result = await CliProcess.RunAsync(temp.Path, "extract", "--input", input, "--output", temp.File("out.jsonl"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("in.jsonl:3", result.StandardError, StringComparison.Ordinal);
        var records = (await File.ReadAllLinesAsync(temp.File("out.jsonl"))).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["b-2", "a-1", "c-3"], records.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal("ru", records[1].GetProperty("language").GetString());
        Assert.Contains(records[0].GetProperty("metals").EnumerateArray(), m => m.GetString() == "germanium");
        Assert.Contains(records[1].GetProperty("metals").EnumerateArray(), m => m.GetString() == "copper");
        Assert.Contains(records[2].GetProperty("metals").EnumerateArray(), m => m.GetString() == "gallium");
        foreach (var name in new[] { "companies", "organisations", "metals", "countries", "quantities", "events" })
        {
            Assert.Equal(JsonValueKind.Array, records[0].GetProperty(name).ValueKind);
        }
    }

    [SkippableFact]
    public async Task Extract_on_the_users_example_gives_the_gallium_supply_agreement()
    {
        var seed = SharedCorpora.RequireDirectory("corpora/seed/kazinform-gallium-fr.txt");
        using var temp = new TempDirectory();

        var result = await CliProcess.RunAsync(temp.Path, "extract", seed);

        Assert.Equal(0, result.ExitCode);
        var record = JsonDocument.Parse(result.StandardOutput).RootElement;
        var deal = record.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "supply_agreement");
        Assert.Equal("gallium", deal.GetProperty("metal").GetString());
        Assert.Equal("Mitsubishi Corporation RtM Japan", deal.GetProperty("buyer").GetString());
        Assert.Contains("Kazakhstan", deal.GetProperty("seller").GetString(), StringComparison.Ordinal);
        Assert.Equal(15.0, deal.GetProperty("tonnes").GetDouble());
        Assert.Equal("year", deal.GetProperty("per").GetString());
        Assert.Equal("2026", deal.GetProperty("start").GetString());
        Assert.Equal("KZ", deal.GetProperty("origin").GetString());
        Assert.Equal("JP", deal.GetProperty("destination").GetString());
        Assert.Equal(5, record.GetProperty("events").GetArrayLength());
    }
}
