using System.CommandLine;
using System.Globalization;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Cli.Output;
using NewsPipeline.Cli.StoreCopy;

namespace NewsPipeline.Cli.Commands;

/// <summary>`store copy`: moves a store to another backend (the embedded LiteDB file to PostgreSQL) and proves it arrived whole.</summary>
internal static class StoreCommand
{
    private const int DefaultBatch = 2000;

    public static Command Create()
    {
        var command = new Command("store", "Move a store between backends");
        command.Subcommands.Add(CreateCopy());
        return command;
    }

    private static Command CreateCopy()
    {
        var from = new Option<string>("--from") { Description = "The store to copy (a LiteDB file; it is only read)", Required = true };
        var to = new Option<string>("--to") { Description = "The store to fill: a PostgreSQL connection string (postgresql://… or Host=…), or a LiteDB file", Required = true };
        var batch = new Option<int>("--batch") { Description = "Articles per target transaction", DefaultValueFactory = _ => DefaultBatch };
        var migrate = CommonOptions.Migrate();
        var command = new Command(
            "copy",
            "Copy every record (articles, events with sources and history, feed state, mentions, saved searches, subscriptions, alert outbox) " +
            "and compare counts and checksums on both sides. Interrupted, it resumes where it stopped when run again.")
        {
            from, to, batch, migrate,
        };
        CommandRunner.SetBody(command, async (parse, cancellationToken) =>
        {
            var source = StoreSettings.For(parse.GetValue(from));
            var target = StoreSettings.For(parse.GetValue(to), parse.GetValue(migrate));
            var errors = source.Validate().Select(e => "--from: " + e).Concat(target.Validate().Select(e => "--to: " + e)).ToList();
            if (parse.GetValue(batch) < 1)
            {
                errors.Add("--batch must be positive");
            }

            if (string.Equals(source.Describe(), target.Describe(), StringComparison.Ordinal))
            {
                errors.Add("--from and --to name the same store");
            }

            if (errors.Count > 0)
            {
                throw new ConfigurationException(errors);
            }

            source.RequireExisting();
            return await CopyAsync(source, target, parse.GetValue(batch), cancellationToken);
        });
        return command;
    }

    private static async Task<int> CopyAsync(StoreSettings source, StoreSettings target, int batchSize, CancellationToken cancellationToken)
    {
        await using var from = StoreAccess.Open(source, TimeProvider.System);
        await using var to = StoreAccess.Open(target, TimeProvider.System);
        await Console.Error.WriteLineAsync($"Copying {source.Describe()} → {target.Describe()}");
        var progress = Console.IsErrorRedirected ? null : new Action<CopyProgress>(p =>
            Console.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{p.Kind}: {p.Done:N0}{(p.Total is { } total ? $"/{total:N0}" : "")}      ")));
        var copied = await new StoreCopier(from, to, batchSize, progress).CopyAsync(cancellationToken);
        if (progress is not null)
        {
            await Console.Error.WriteLineAsync();
        }

        foreach (var kind in copied)
        {
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{kind.Kind}: {kind.Written:N0} written{(kind.AlreadyThere > 0 ? $", {kind.AlreadyThere:N0} already there" : "")}"));
        }

        var sides = await Task.WhenAll(StoreInventory.TakeAsync(from, cancellationToken), StoreInventory.TakeAsync(to, cancellationToken));
        var rows = sides[0].Zip(sides[1], (s, t) => new[]
        {
            s.Kind,
            s.Count.ToString("N0", CultureInfo.InvariantCulture),
            t.Count.ToString("N0", CultureInfo.InvariantCulture),
            s.Sha256[..16],
            t.Sha256[..16],
            s.Count == t.Count && string.Equals(s.Sha256, t.Sha256, StringComparison.Ordinal) ? "same" : "DIFFERENT",
        }).ToList();
        await TextTable.WriteAsync(Console.Out, ["kind", "source", "target", "source sha-256", "target sha-256", ""], rows);
        var different = rows.Where(r => !string.Equals(r[5], "same", StringComparison.Ordinal)).Select(r => r[0]).ToList();
        if (different.Count > 0)
        {
            await Console.Error.WriteLineAsync($"error: the target differs from the source in {string.Join(", ", different)} (was it empty, or a copy of this source, when the copy began?)");
            return ExitCodes.Failure;
        }

        await Console.Error.WriteLineAsync("The target holds exactly what the source holds.");
        // The search engine is derived from the store, so it is not copied: it is built on the target's side.
        await Console.Error.WriteLineAsync("Next: newspipeline index rebuild --store <target> builds its search index now (run and serve would catch up at start).");
        return ExitCodes.Success;
    }
}
