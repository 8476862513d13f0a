using System.CommandLine;
using System.Globalization;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Cli.Query;
using NewsPipeline.Cli.Output;
using NewsPipeline.Core.Text;
using NewsPipeline.Ingestion.Parsing;

namespace NewsPipeline.Cli.Commands;

/// <summary>`feeds …`: operator commands over the feed list.</summary>
internal static class FeedsCommand
{
    public static Command Create()
    {
        var command = new Command("feeds", "Inspect and validate the feed list");
        command.Subcommands.Add(CreateValidate());
        command.Subcommands.Add(CreateParse());
        command.Subcommands.Add(CreateStatus());
        command.Subcommands.Add(CreateResume());
        command.Subcommands.Add(FeedsExchangeCommands.CreateCheck());
        command.Subcommands.Add(FeedsExchangeCommands.CreateImport());
        command.Subcommands.Add(FeedsExchangeCommands.CreateExport());
        return command;
    }

    /// <summary>`feeds resume NAME`: poll a paused feed again at the next cycle (the worker must be stopped: it owns the store).</summary>
    private static Command CreateResume()
    {
        var name = new Argument<string>("name") { Description = "The feed's name as in feeds.json" };
        var store = CommonOptions.Store();
        var command = new Command("resume", "Resume polling a paused feed") { name, store };
        CommandRunner.SetBody(command, async (parse, cancellationToken) =>
        {
            var feedName = parse.GetValue(name)!;
            var settings = CommonOptions.ReadStore(parse, store);
            settings.RequireExisting();
            await using var access = StoreAccess.Open(settings, TimeProvider.System);
            var state = await access.Pipeline.GetFeedStateAsync(feedName, cancellationToken)
                ?? throw new UsageException($"no feed named '{feedName}' in the store (see 'newspipeline feeds status')");
            await access.Pipeline.SaveFeedStateAsync(state with { PausedReason = null, ConsecutiveFailures = 0, NextPoll = null }, cancellationToken);
            await Console.Out.WriteLineAsync(state.IsPaused ? $"{feedName}: resumed; it is polled at the next cycle" : $"{feedName}: was not paused; it is polled at the next cycle");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>`feeds status`: what the worker knows about each feed, failures and their reasons first.</summary>
    private static Command CreateStatus()
    {
        var store = CommonOptions.Store();
        var command = new Command("status", "Show each feed's state: last success, last error, next poll and why, interval, items seen, validators held") { store };
        CommandRunner.SetBody(command, async (parse, cancellationToken) =>
        {
            var states = await StoreReader.ListFeedStatesAsync(CommonOptions.ReadStore(parse, store), cancellationToken);
            var rows = states
                .OrderByDescending(s => s.ConsecutiveFailures).ThenBy(s => s.FeedName, StringComparer.Ordinal)
                .Select(s => new[]
                {
                    s.FeedName,
                    s.IsPaused ? "paused: " + s.PausedReason
                        : s.ConsecutiveFailures > 0 ? $"failing ×{s.ConsecutiveFailures}" : s.LastSuccess is null ? "never polled" : "ok",
                    Time(s.LastSuccess),
                    s.IsPaused ? "" : Time(s.NextPoll) + (s.NextPollReason is null ? "" : $" ({s.NextPollReason})"),
                    s.CurrentInterval?.ToString("c", CultureInfo.InvariantCulture) ?? "",
                    s.ItemsSeen.ToString(CultureInfo.InvariantCulture) + (s.ItemsEdited > 0 ? $" ({s.ItemsEdited} edited)" : ""),
                    string.Join(", ", new[] { s.ETag is null ? null : "ETag", s.LastModified is null ? null : "Last-Modified" }.OfType<string>()),
                    s.LastError ?? "",
                })
                .ToList();
            await TextTable.WriteAsync(Console.Out, ["feed", "state", "last success", "next poll", "interval", "items", "validators", "last error"], rows);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Time(DateTimeOffset? time) => time?.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) ?? "";

    /// <summary>`feeds parse`: the parse contract for measurement, one JSONL line per file; never crashes on input.</summary>
    private static Command CreateParse()
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Feed documents", Arity = ArgumentArity.ZeroOrMore };
        var dir = new Option<DirectoryInfo?>("--dir") { Description = "Parse every file below this folder (ids are paths relative to it)" };
        var output = CommonOptions.Output();
        var command = new Command("parse", "Parse feed files offline and write one JSON line per file") { files, dir, output };
        CommandRunner.SetBody(command, async (parse, cancellationToken) =>
        {
            var inputs = new List<(string Id, string Path)>();
            foreach (var file in parse.GetValue(files) ?? [])
            {
                if (!file.Exists)
                {
                    throw new UsageException($"no such file: {file.FullName}");
                }

                inputs.Add((file.Name, file.FullName));
            }

            if (parse.GetValue(dir) is { } folder)
            {
                if (!folder.Exists)
                {
                    throw new UsageException($"no such folder: {folder.FullName}");
                }

                inputs.AddRange(Directory.EnumerateFiles(folder.FullName, "*", SearchOption.AllDirectories)
                    .Select(p => (Path.GetRelativePath(folder.FullName, p).Replace('\\', '/'), p))
                    .OrderBy(p => p.Item1, StringComparer.Ordinal));
            }

            if (inputs.Count == 0)
            {
                throw new UsageException("no feed files: give FILE… or --dir DIR");
            }

            var report = new FeedParseReport(new FeedDocumentParser(new TextDecoder(), TimeProvider.System));
            var progress = new Progress("parse", inputs.Count);
            await using var writer = OutputTarget.Open(parse.GetValue(output));
            foreach (var (id, path) in inputs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await writer.WriteLineAsync(report.Line(id, await File.ReadAllBytesAsync(path, cancellationToken)));
                progress.Step();
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateValidate()
    {
        var feeds = new Option<FileInfo>("--feeds") { Description = "Feed list (default: ./feeds.json)", DefaultValueFactory = _ => new FileInfo("feeds.json") };
        var command = new Command("validate", "Check feeds.json and report every problem at once") { feeds };
        CommandRunner.SetBody(command, async (parse, cancellationToken) =>
        {
            var list = await FeedList.LoadAsync(parse.GetValue(feeds)!, cancellationToken);
            foreach (var group in list.GroupBy(f => f.Language, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                await Console.Out.WriteLineAsync($"{group.Key}: {string.Join(", ", group.Select(f => f.Name))}");
            }

            await Console.Out.WriteLineAsync($"{list.Count} feeds in {list.Select(f => f.Language).Distinct(StringComparer.Ordinal).Count()} languages: valid");
            return ExitCodes.Success;
        });
        return command;
    }
}
