using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using AngleSharp.Html.Parser;
using NewsPipeline.Content;

namespace NewsPipeline.Cli.Commands;

/// <summary>
/// `bench`: throughput figures measured in one process, each beside a baseline measured in the same run
/// (this machine is shared and noisy, so ratios travel better than absolute numbers).
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Measure throughput of a stage (prints figures and a same-run baseline)");
        command.Subcommands.Add(CreateContent());
        command.Subcommands.Add(BenchStoreCommand.Create());
        return command;
    }

    private static Command CreateContent()
    {
        var dir = new Option<DirectoryInfo>("--dir") { Description = "Folder of .html/.htm(.gz) pages", Required = true };
        var rounds = new Option<int>("--rounds") { Description = "Timed passes over the pages after one warm-up pass", DefaultValueFactory = _ => 3 };
        var command = new Command("content", "Time main-content extraction alone, single thread, warm") { dir, rounds };
        CommandRunner.SetBody(command, async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(dir)!;
            if (!folder.Exists)
            {
                throw new UsageException($"no such folder: {folder.FullName}");
            }

            var pages = Directory.EnumerateFiles(folder.FullName, "*", SearchOption.AllDirectories)
                .Where(ContentIds.IsHtmlFile).Order(StringComparer.Ordinal).Select(HtmlFiles.Read).ToList();
            if (pages.Count == 0)
            {
                throw new UsageException($"no HTML pages below {folder.FullName}");
            }

            var passes = Math.Max(1, parse.GetValue(rounds));
            var megabytes = pages.Sum(p => (double)Encoding.UTF8.GetByteCount(p)) / (1024 * 1024);
            var extractor = new ContentExtractor(new ContentExtractorOptions());
            var parser = new HtmlParser();
            var baseline = Measure(pages, passes, html => parser.ParseDocument(html).Dispose(), cancellationToken);
            var content = Measure(pages, passes, html => extractor.Extract(html, null), cancellationToken);

            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{pages.Count} pages, {megabytes:0.0} MB, {passes} timed passes each, single thread, warm"));
            await Report("baseline: AngleSharp parse only", baseline, pages.Count * passes, megabytes * passes);
            await Report("content extraction (whole cascade)", content, pages.Count * passes, megabytes * passes);
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"content extraction costs {content.TotalSeconds / baseline.TotalSeconds:0.00}× the CPU of parsing alone"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static TimeSpan Measure(List<string> pages, int passes, Action<string> work, CancellationToken cancellationToken)
    {
        foreach (var page in pages)
        {
            work(page);
        }

        var before = Process.GetCurrentProcess().TotalProcessorTime;
        for (var pass = 0; pass < passes; pass++)
        {
            foreach (var page in pages)
            {
                cancellationToken.ThrowIfCancellationRequested();
                work(page);
            }
        }

        return Process.GetCurrentProcess().TotalProcessorTime - before;
    }

    private static Task Report(string label, TimeSpan cpu, int pages, double megabytes) =>
        Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{label,-40} {cpu.TotalSeconds,7:0.00} CPU-s  {pages / cpu.TotalSeconds,8:0.0} pages/CPU-s  {megabytes / cpu.TotalSeconds,6:0.0} MB/CPU-s"));
}
