using System.CommandLine;
using System.Text.Json;
using NewsPipeline.Cli.Output;
using NewsPipeline.Content;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Json;
using NewsPipeline.Extraction;

namespace NewsPipeline.Cli.Commands;

/// <summary>`extract`: offline recognition and event building, no database (DESIGN §4; the evaluation runs this).</summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files") { Description = ".txt or .html articles, one record each", Arity = ArgumentArity.ZeroOrMore };
        var input = new Option<FileInfo?>("--input", "-i") { Description = "JSONL of {\"id\",\"text\"|\"html\",\"title\"?,\"language\"?,\"published\"?,\"url\"?}" };
        var output = CommonOptions.Output();
        var command = new Command("extract", "Recognise companies, metals, countries, quantities and events in articles") { files, input, output };
        CommandRunner.SetBody(command, async (parse, cancellationToken) =>
        {
            var inputs = parse.GetValue(input) is { } jsonl
                ? ReadJsonl(jsonl)
                : ReadFiles(parse.GetValue(files) ?? []);
            return await RunAsync(inputs, parse.GetValue(output), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(IReadOnlyList<InputLine> inputs, FileInfo? outputFile, CancellationToken cancellationToken)
    {
        if (inputs.Count == 0)
        {
            throw new UsageException("nothing to extract: give FILE… or --input FILE.jsonl");
        }

        var analyzer = ArticleAnalyzer.Load(ArticleAnalyzer.DefaultModelsDirectory);
        var content = new ContentExtractor(new ContentExtractorOptions());
        var progress = new Progress("extract", inputs.Count);
        var results = inputs
            .AsParallel().AsOrdered()
            .WithCancellation(cancellationToken)
            .Select(line =>
            {
                var result = line.Input is null ? null : analyzer.Analyze(ArticleInputs.Prepare(line.Input, content));
                progress.Step();
                return (line, result);
            })
            .ToList();

        var failures = 0;
        await using (var writer = OutputTarget.Open(outputFile))
        {
            foreach (var (line, result) in results)
            {
                if (result is null)
                {
                    failures++;
                    await Console.Error.WriteLineAsync($"{line.Source}: {line.Error}");
                    continue;
                }

                await writer.WriteLineAsync(JsonSerializer.Serialize(result, RecordJson.Options));
            }
        }

        return failures == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static List<InputLine> ReadFiles(FileInfo[] files)
    {
        var lines = new List<InputLine>();
        foreach (var file in files)
        {
            if (!file.Exists)
            {
                throw new UsageException($"no such file: {file.FullName}");
            }

            var isHtml = ContentIds.IsHtmlFile(file.FullName);
            var input = isHtml
                ? new RawInput(ContentIds.FromFileName(file.FullName), null, HtmlFiles.Read(file.FullName), null, null, null, null)
                : new RawInput(Path.GetFileNameWithoutExtension(file.Name), File.ReadAllText(file.FullName), null, null, null, null, null);
            lines.Add(new InputLine(file.Name, input, null));
        }

        return lines;
    }

    private static List<InputLine> ReadJsonl(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new UsageException($"no such file: {file.FullName}");
        }

        var lines = new List<InputLine>();
        var number = 0;
        foreach (var raw in File.ReadLines(file.FullName))
        {
            number++;
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }

            var source = $"{file.Name}:{number}";
            lines.Add(RawInput.TryParse(raw, out var parsed, out var error)
                ? new InputLine(source, parsed, null)
                : new InputLine(source, null, error));
        }

        return lines;
    }

    private sealed record InputLine(string Source, RawInput? Input, string? Error);
}
