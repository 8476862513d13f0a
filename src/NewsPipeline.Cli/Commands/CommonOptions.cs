using System.CommandLine;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Storage;

namespace NewsPipeline.Cli.Commands;

/// <summary>Options shared by several commands, defined once so their names and help agree.</summary>
internal static class CommonOptions
{
    /// <summary>
    /// <c>--store</c> (alias <c>--db</c>, the name of DESIGN §4). No default value is declared: help would print
    /// it, and <see cref="StoreSettings.EnvironmentVariable"/> may hold a password; <see cref="StoreSettings.For"/>
    /// resolves the default instead.
    /// </summary>
    public static Option<string?> Store() => new("--store", "--db")
    {
        Description = "The store: a LiteDB file path, or a PostgreSQL connection string (postgresql://user@host/db or Host=…;Database=…). " +
            $"Default: ${StoreSettings.EnvironmentVariable}, else {LiteDbStoreOptions.DefaultDatabasePath}",
    };

    /// <summary><c>--migrate</c> for commands that run against a store for a long time (run, serve).</summary>
    public static Option<bool> Migrate() => new("--migrate")
    {
        Description = "Apply pending PostgreSQL schema migrations at start-up (without it, a store whose schema is behind is refused)",
    };

    public static StoreSettings ReadStore(ParseResult parse, Option<string?> store, Option<bool>? migrate = null) =>
        StoreSettings.For(parse.GetValue(store), migrate is not null && parse.GetValue(migrate));

    public static Option<FileInfo?> Output() => new("--output", "-o")
    {
        Description = "Write to this file instead of standard output",
    };
}
