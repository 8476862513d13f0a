using System.CommandLine;

namespace NewsPipeline.Cli.Commands;

/// <summary>Options shared by several commands, defined once so their names and help agree.</summary>
internal static class CommonOptions
{
    public const string DefaultDatabasePath = "data/newspipeline.db";

    public static Option<FileInfo> Database() => new("--db")
    {
        Description = $"LiteDB store file (default: ./{DefaultDatabasePath})",
        DefaultValueFactory = _ => new FileInfo(DefaultDatabasePath),
    };

    public static Option<FileInfo?> Output() => new("--output", "-o")
    {
        Description = "Write to this file instead of standard output",
    };
}
