using System.CommandLine;
using System.Globalization;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Cli.Output;
using NewsPipeline.Storage.Postgres.Schema;

namespace NewsPipeline.Cli.Commands;

/// <summary>
/// `migrate`: brings a PostgreSQL store's schema to this build's version, or with --status shows where it stands.
/// Idempotent, and safe while other processes start: the migrator serialises them on an advisory lock.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var store = CommonOptions.Store();
        var status = new Option<bool>("--status") { Description = "List applied and pending migrations without applying any" };
        var command = new Command("migrate", "Apply pending schema migrations to a PostgreSQL store (idempotent)") { store, status };
        CommandRunner.SetBody(command, async (parse, cancellationToken) =>
        {
            var settings = CommonOptions.ReadStore(parse, store);
            if (settings.Postgres is not { } postgres)
            {
                throw new UsageException($"migrate applies to PostgreSQL stores; {settings.Describe()} is a LiteDB file, which needs no migrations (give --store postgresql://… or Host=…)");
            }

            var errors = settings.Validate();
            if (errors.Count > 0)
            {
                throw new ConfigurationException(errors);
            }

            await using var dataSource = postgres.BuildDataSource();
            var migrator = new SchemaMigrator(dataSource);
            if (parse.GetValue(status))
            {
                await WriteStatusAsync(await migrator.GetStatusAsync(cancellationToken));
                return ExitCodes.Success;
            }

            await Console.Error.WriteLineAsync($"Migrating {settings.Describe()}");
            foreach (var migration in await migrator.MigrateAsync(cancellationToken))
            {
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"applied {migration.Version:D4}_{migration.Name}"));
            }

            var now = await migrator.GetStatusAsync(cancellationToken);
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"schema at version {now.Version}: up to date"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteStatusAsync(SchemaStatus status)
    {
        var rows = status.Applied
            .Select(m => new[] { m.Version.ToString("D4", CultureInfo.InvariantCulture), m.Name, "applied " + m.AppliedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) })
            .Concat(status.Pending.Select(m => new[] { m.Version.ToString("D4", CultureInfo.InvariantCulture), m.Name, "pending" }))
            .ToList();
        await TextTable.WriteAsync(Console.Out, ["version", "name", "state"], rows);
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"schema at version {status.Version}; {status.Pending.Count} migration(s) pending"));
    }
}
