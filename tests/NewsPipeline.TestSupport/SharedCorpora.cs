using Xunit;

namespace NewsPipeline.TestSupport;

/// <summary>
/// Locates ../shared (the read-only evaluation corpora next to the checkout). Tests that need it call
/// <see cref="RequireDirectory"/>, which skips the test with a clear reason when the folder is absent.
/// </summary>
public static class SharedCorpora
{
    public static string? Root { get; } = FindRoot();

    public static string RequireDirectory(string relative)
    {
        Skip.If(Root is null, "../shared is not present next to the checkout; this test needs its corpora (CI has them).");
        var path = Path.Combine(Root!, relative);
        Skip.IfNot(Directory.Exists(path) || File.Exists(path), $"../shared/{relative} is missing.");
        return path;
    }

    private static string? FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("NEWSPIPELINE_SHARED");
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NewsPipeline.sln")))
            {
                var candidate = Path.Combine(dir.FullName, "..", "shared");
                return Directory.Exists(candidate) ? Path.GetFullPath(candidate) : null;
            }
        }

        return null;
    }
}
