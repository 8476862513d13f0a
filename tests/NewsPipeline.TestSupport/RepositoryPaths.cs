namespace NewsPipeline.TestSupport;

/// <summary>Paths inside this repository, found from the test binary's folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Models => Path.Combine(Root, "models");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NewsPipeline.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("NewsPipeline.sln not found above " + AppContext.BaseDirectory);
    }
}
