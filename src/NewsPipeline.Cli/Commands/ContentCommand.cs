using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NewsPipeline.Cli.Output;
using NewsPipeline.Content;
using NewsPipeline.Core.Json;

namespace NewsPipeline.Cli.Commands;

/// <summary>`content`: main-content extraction only, one JSONL line per HTML file (DESIGN §4).</summary>
internal static class ContentCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files") { Description = ".html/.htm files, optionally .gz", Arity = ArgumentArity.ZeroOrMore };
        var dir = new Option<DirectoryInfo?>("--dir") { Description = "Process every .html/.htm(.gz) file below this folder" };
        var output = CommonOptions.Output();
        var command = new Command("content", "Extract the main text and metadata of HTML pages") { files, dir, output };
        CommandRunner.SetBody(command, async (parse, cancellationToken) =>
        {
            var paths = Collect(parse.GetValue(files) ?? [], parse.GetValue(dir));
            if (paths.Count == 0)
            {
                throw new UsageException("no HTML files: give FILE… or --dir DIR");
            }

            var extractor = new ContentExtractor(new ContentExtractorOptions());
            var progress = new Progress("content", paths.Count);
            var lines = paths
                .AsParallel().AsOrdered()
                .WithCancellation(cancellationToken)
                .Select(path =>
                {
                    var line = ExtractOne(extractor, path);
                    progress.Step();
                    return line;
                })
                .ToList();
            await using var writer = OutputTarget.Open(parse.GetValue(output));
            foreach (var line in lines)
            {
                await writer.WriteLineAsync(line);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static List<string> Collect(FileInfo[] files, DirectoryInfo? dir)
    {
        var paths = new List<string>();
        foreach (var file in files)
        {
            if (!file.Exists)
            {
                throw new UsageException($"no such file: {file.FullName}");
            }

            paths.Add(file.FullName);
        }

        if (dir is not null)
        {
            if (!dir.Exists)
            {
                throw new UsageException($"no such folder: {dir.FullName}");
            }

            paths.AddRange(Directory.EnumerateFiles(dir.FullName, "*", SearchOption.AllDirectories)
                .Where(ContentIds.IsHtmlFile)
                .Order(StringComparer.Ordinal));
        }

        return paths;
    }

    private static string ExtractOne(ContentExtractor extractor, string path)
    {
        var html = HtmlFiles.Read(path);
        var page = extractor.Extract(html, null);
        var record = new ContentLine(
            ContentIds.FromFileName(path),
            page.Title,
            page.Text,
            page.Published?.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture),
            page.Author,
            page.Language,
            page.CanonicalUrl?.ToString());
        return JsonSerializer.Serialize(record, RecordJson.Options);
    }

    private sealed record ContentLine(string Id, string? Title, string Text, string? Published, string? Author, string? Language, string? Url);
}
