using System.Text;

namespace NewsPipeline.Cli.Output;

/// <summary>Opens --output (UTF-8, no BOM, LF) or standard output.</summary>
internal static class OutputTarget
{
    public static TextWriter Open(FileInfo? file)
    {
        if (file is null)
        {
            var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = false, NewLine = "\n" };
            return stdout;
        }

        file.Directory?.Create();
        return new StreamWriter(file.FullName, append: false, new UTF8Encoding(false)) { NewLine = "\n" };
    }
}
