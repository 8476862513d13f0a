using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Cli.Output;
using NewsPipeline.Core;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Ingestion;
using NewsPipeline.Ingestion.Configuration;
using NewsPipeline.Ingestion.Opml;
using NewsPipeline.Ingestion.Parsing;

namespace NewsPipeline.Cli.Commands;

/// <summary>`feeds check|import|export`: one verbose fetch of a feed, and OPML in and out.</summary>
internal static class FeedsExchangeCommands
{
    public static Command CreateCheck()
    {
        var target = new Argument<string?>("feed") { Description = "A feed's name from the feed list, or any feed URL", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Check every feed of the list" };
        var feeds = FeedsOption();
        var command = new Command("check", "Fetch and parse a feed once, and say what came back") { target, all, feeds };
        CommandRunner.SetBody(command, async (parse, cancellationToken) =>
        {
            var selected = await SelectAsync(parse.GetValue(target), parse.GetValue(all), parse.GetValue(feeds)!, cancellationToken);
            await using var services = new ServiceCollection().AddLogging().AddNewsPipelineIngestion(new IngestionOptions()).BuildServiceProvider();
            var fetcher = services.GetRequiredService<IFeedFetcher>();
            var parser = services.GetRequiredService<FeedDocumentParser>();
            var failures = 0;
            foreach (var feed in selected)
            {
                failures += await CheckOneAsync(feed, fetcher, parser, cancellationToken) ? 0 : 1;
            }

            return failures == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    public static Command CreateExport()
    {
        var feeds = FeedsOption();
        var output = CommonOptions.Output();
        var command = new Command("export", "Write the feed list as OPML 2.0 for another feed reader") { feeds, output };
        CommandRunner.SetBody(command, async (parse, cancellationToken) =>
        {
            var list = await FeedList.LoadAsync(parse.GetValue(feeds)!, cancellationToken);
            await using var writer = OutputTarget.Open(parse.GetValue(output));
            await writer.WriteAsync(OpmlFile.Export(list, TimeProvider.System.GetUtcNow()));
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command CreateImport()
    {
        var opml = new Argument<FileInfo>("opml") { Description = "An OPML file exported by a feed reader" };
        var language = new Option<string?>("--language") { Description = "Language for outlines that do not state one (e.g. fr)" };
        var feeds = FeedsOption();
        var output = CommonOptions.Output();
        var command = new Command("import", "Merge an OPML file's feeds into the feed list and print the new feeds.json") { opml, language, feeds, output };
        CommandRunner.SetBody(command, async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(opml)!;
            if (!file.Exists)
            {
                throw new UsageException($"no such file: {file.FullName}");
            }

            var (found, readErrors) = OpmlFile.Read(await File.ReadAllTextAsync(file.FullName, cancellationToken));
            var errors = readErrors.ToList();
            var existingFile = parse.GetValue(feeds)!;
            var existing = existingFile.Exists ? await FeedList.LoadAsync(existingFile, cancellationToken) : [];
            var merged = Merge(existing, found, parse.GetValue(language), errors);
            var json = OpmlFile.ToFeedsJson(merged, FeedsFile.BuiltInInterval);
            try
            {
                FeedsFile.Parse(json, "the merged list");
            }
            catch (FeedsFileException ex)
            {
                errors.AddRange(ex.Errors);
            }

            if (errors.Count > 0)
            {
                throw new Hosting.ConfigurationException(errors);
            }

            await using var writer = OutputTarget.Open(parse.GetValue(output));
            await writer.WriteAsync(json);
            await Console.Error.WriteLineAsync($"{merged.Count - existing.Count} feeds added to {existing.Count} ({found.Count} in the OPML file)");
            return ExitCodes.Success;
        });
        return command;
    }

    private static List<FeedDefinition> Merge(
        IReadOnlyList<FeedDefinition> existing, IReadOnlyList<OpmlFeed> found, string? fallbackLanguage, List<string> errors)
    {
        var merged = existing.ToList();
        var urls = existing.Select(f => f.Url.AbsoluteUri).ToHashSet(StringComparer.Ordinal);
        var names = existing.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var feed in found)
        {
            if (!urls.Add(feed.Url.AbsoluteUri))
            {
                continue;
            }

            var language = feed.Language ?? fallbackLanguage?.Trim().ToLowerInvariant();
            if (language is null)
            {
                errors.Add($"outline '{feed.Name}' states no language: pass --language");
                continue;
            }

            var name = feed.Name;
            for (var n = 2; !names.Add(name); n++)
            {
                name = string.Create(CultureInfo.InvariantCulture, $"{feed.Name} ({n})");
            }

            merged.Add(new FeedDefinition(name, feed.Url, language, FeedsFile.BuiltInInterval));
        }

        return merged;
    }

    private static async Task<IReadOnlyList<FeedDefinition>> SelectAsync(string? target, bool all, FileInfo feedsFile, CancellationToken cancellationToken)
    {
        if (target is not null && Uri.TryCreate(target, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            return [new FeedDefinition(url.Host, url, "und", FeedsFile.BuiltInInterval)];
        }

        var list = await FeedList.LoadAsync(feedsFile, cancellationToken);
        if (all)
        {
            return list;
        }

        return target is null
            ? throw new UsageException("name a feed (or give its URL), or pass --all")
            : list.Where(f => string.Equals(f.Name, target, StringComparison.OrdinalIgnoreCase)).ToList() is { Count: > 0 } named
                ? named
                : throw new UsageException($"no feed named '{target}' in {feedsFile.Name}");
    }

    private static async Task<bool> CheckOneAsync(FeedDefinition feed, IFeedFetcher fetcher, FeedDocumentParser parser, CancellationToken cancellationToken)
    {
        var output = Console.Out;
        await output.WriteLineAsync($"{feed.Name}  {feed.Url}");
        var fetched = await fetcher.FetchAsync(feed, FeedState.New(feed), cancellationToken);
        if (fetched.NewUrl is not null)
        {
            await output.WriteLineAsync($"  moved permanently to {fetched.NewUrl}: update the feed list");
        }

        if (fetched.Failure is not null || fetched.Body is null)
        {
            await output.WriteLineAsync($"  FAILED: {fetched.Failure?.ToString() ?? "empty response"}" + (fetched.RetryAfter is { } wait ? $" (retry after {wait})" : ""));
            return false;
        }

        await output.WriteLineAsync($"  HTTP ok, {fetched.Body.Length:N0} bytes, {fetched.ContentType ?? "no content type"}, validators: {(fetched.ETag is null ? "" : "ETag ")}{(fetched.LastModified is null ? "" : "Last-Modified")}");
        var parsed = parser.ParseDocument(fetched.Body, fetched.ContentType, fetched.FinalUrl);
        if (!parsed.IsSuccess)
        {
            await output.WriteLineAsync($"  FAILED to parse: {parsed.Failure}");
            return false;
        }

        var document = parsed.Value!;
        await output.WriteLineAsync($"  {document.Format}, {document.Encoding}, \"{document.Title}\", {document.Items.Count} items");
        foreach (var item in document.Items.OrderByDescending(i => i.Published).Take(3))
        {
            await output.WriteLineAsync($"    {item.Published?.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) ?? "(no date)",-17}  {item.Title}  {item.Link}");
        }

        return true;
    }

    private static Option<FileInfo> FeedsOption() =>
        new("--feeds") { Description = "Feed list (default: ./feeds.json)", DefaultValueFactory = _ => new FileInfo("feeds.json") };
}
