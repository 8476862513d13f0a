using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NewsPipeline.Content;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Extraction;

namespace NewsPipeline.Cli.Commands;

/// <summary>
/// `bench extract`: recognition and event building alone (content extraction of HTML lines happens before timing),
/// single thread, warm, over a JSONL set repeated to a minimum size, beside a word-scan baseline over the same text
/// and a split of the time by stage.
/// </summary>
internal static partial class BenchExtract
{
    private const string DefaultInput = "../shared/corpora/minerals-news-dev/articles.jsonl";
    private const int DefaultMinBytes = 5 * 1024 * 1024;
    private const int BaselinePasses = 100;
    private const int WarmUpPasses = 3;

    public static Command Create()
    {
        var input = new Option<FileInfo>("--input", "-i")
        {
            Description = "JSONL of {\"id\",\"text\"|\"html\",…} (default: the minerals-news-dev set in ../shared)",
            DefaultValueFactory = _ => new FileInfo(DefaultInput),
        };
        var minBytes = new Option<long>("--min-bytes") { Description = "Repeat the articles until this many bytes of UTF-8 text are timed", DefaultValueFactory = _ => DefaultMinBytes };
        var command = new Command("extract", "Time recognition and event building alone, single thread, warm, with a same-run baseline and a per-stage split") { input, minBytes };
        CommandRunner.SetBody(command, async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(input)!;
            var bytes = parse.GetValue(minBytes);
            if (bytes <= 0)
            {
                throw new UsageException("--min-bytes must be positive");
            }

            if (!file.Exists)
            {
                throw new UsageException($"no such file: {file.FullName} (give --input FILE.jsonl; the default needs ../shared/corpora beside the working folder)");
            }

            var articles = ReadArticles(file);
            var run = Measure(articles, bytes, cancellationToken);
            await PrintAsync(run);
            return ExitCodes.Success;
        });
        return command;
    }

    private static List<ExtractionInput> ReadArticles(FileInfo file)
    {
        var content = new ContentExtractor(new ContentExtractorOptions());
        var articles = new List<ExtractionInput>();
        foreach (var line in File.ReadLines(file.FullName).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            if (!RawInput.TryParse(line, out var raw, out var error))
            {
                throw new UsageException($"{file.Name}: {error}");
            }

            articles.Add(ArticleInputs.Prepare(raw, content));
        }

        if (articles.Count == 0)
        {
            throw new UsageException($"{file.Name} holds no articles");
        }

        return articles;
    }

    private static BenchRun Measure(List<ExtractionInput> articles, long minBytes, CancellationToken cancellationToken)
    {
        var loadStart = Process.GetCurrentProcess().TotalProcessorTime;
        var analyzer = ArticleAnalyzer.Load(ArticleAnalyzer.DefaultModelsDirectory);
        var load = Process.GetCurrentProcess().TotalProcessorTime - loadStart;

        var setBytes = articles.Sum(a => (long)Encoding.UTF8.GetByteCount(a.Text ?? string.Empty));
        var passes = (int)Math.Max(1, (minBytes + setBytes - 1) / Math.Max(1, setBytes));

        // Warm-up: a few passes of each, so that tiered JIT compilation has promoted the hot loops before timing.
        var words = WordPattern();
        for (var pass = 0; pass < WarmUpPasses; pass++)
        {
            foreach (var article in articles)
            {
                analyzer.Analyze(article);
                words.Count(article.Text ?? string.Empty);
            }
        }

        var timings = new StageTimings();
        var recognition = Time(articles, passes, a => analyzer.Analyze(a, timings), cancellationToken);
        // The scan is about a hundred times faster than the analyzer: more passes keep its CPU time (counted in 10 ms ticks) well above the clock's resolution.
        var baseline = Time(articles, passes * BaselinePasses, a => words.Count(a.Text ?? string.Empty), cancellationToken) / BaselinePasses;
        return new BenchRun(articles.Count, passes, setBytes * passes / (1024.0 * 1024.0), load, baseline, recognition, timings);
    }

    private static Timing Time(List<ExtractionInput> articles, int passes, Action<ExtractionInput> work, CancellationToken cancellationToken)
    {
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var gcBefore = GC.CollectionCount(0);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var pass = 0; pass < passes; pass++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var article in articles)
            {
                work(article);
            }
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        return new Timing(wall.Elapsed, cpu, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore, GC.CollectionCount(0) - gcBefore);
    }

    private static async Task PrintAsync(BenchRun run)
    {
        var count = run.Articles * run.Passes;
        var culture = CultureInfo.InvariantCulture;
        await Console.Out.WriteLineAsync(string.Create(culture,
            $"{run.Articles} articles × {run.Passes} passes = {count} analyses, {run.Megabytes:0.0} MB of text, single thread, warm; lexicon load {run.Load.TotalSeconds:0.00} CPU-s"));
        await Line("baseline: regex word scan", run.Baseline);
        await Line("recognition + events (whole analyzer)", run.Recognition);
        await Console.Out.WriteLineAsync(string.Create(culture,
            $"analyzer costs {run.Recognition.Cpu.TotalSeconds / run.Baseline.Cpu.TotalSeconds:0.0}× the CPU time of the word scan over the same text"));
        await Console.Out.WriteLineAsync("time by stage (wall, share of the analyzer; MB/s of that stage alone):");
        var total = run.Timings.Stages.Sum(s => s.Value.TotalSeconds);
        foreach (var (stage, elapsed) in run.Timings.Stages)
        {
            await Console.Out.WriteLineAsync(string.Create(culture,
                $"  {stage,-32} {elapsed.TotalSeconds,7:0.000} s  {100 * elapsed.TotalSeconds / total,5:0.0} %  {run.Megabytes / elapsed.TotalSeconds,8:0.0} MB/s"));
        }

        Task Line(string label, Timing t) => Console.Out.WriteLineAsync(string.Create(culture,
            $"{label,-40} {t.Cpu.TotalSeconds,7:0.00} CPU-s {t.Wall.TotalSeconds,7:0.00} s wall  {count / t.Cpu.TotalSeconds,9:0.0} articles/CPU-s  {run.Megabytes / t.Cpu.TotalSeconds,7:0.00} MB/CPU-s  {t.AllocatedBytes / (1024.0 * 1024.0) / run.Megabytes,6:0.0} MB allocated per MB, {t.Collections} gen0 GCs"));
    }

    [GeneratedRegex(@"[\p{L}\p{M}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    /// <summary>Wall and process CPU time; CPU time is the steadier figure on a shared machine.</summary>
    private sealed record Timing(TimeSpan Wall, TimeSpan Cpu, long AllocatedBytes, int Collections)
    {
        public static Timing operator /(Timing t, int n) => new(t.Wall / n, t.Cpu / n, t.AllocatedBytes / n, t.Collections / n);
    }

    private sealed record BenchRun(int Articles, int Passes, double Megabytes, TimeSpan Load, Timing Baseline, Timing Recognition, StageTimings Timings);
}
