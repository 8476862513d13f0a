using System.CommandLine;
using NewsPipeline.Storage;

namespace NewsPipeline.Cli.Commands;

/// <summary>Options shared by several commands, defined once so their names and help agree.</summary>
internal static class CommonOptions
{
    public static Option<FileInfo> Database() => new("--db")
    {
        Description = $"LiteDB store file (default: {LiteDbStoreOptions.DefaultDatabasePath})",
        DefaultValueFactory = _ => new FileInfo(LiteDbStoreOptions.DefaultDatabasePath),
    };

    public static Option<FileInfo?> Output() => new("--output", "-o")
    {
        Description = "Write to this file instead of standard output",
    };
}
