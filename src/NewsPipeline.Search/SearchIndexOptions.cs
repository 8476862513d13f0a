namespace NewsPipeline.Search;

/// <summary>Where the index lives: a folder beside the store file, so that both move and back up together.</summary>
public sealed record SearchIndexOptions
{
    public const string FolderSuffix = ".search";

    public required string IndexDirectory { get; init; }

    /// <summary>The index folder of the store at <paramref name="databasePath"/> ("data/newspipeline.db" → "data/newspipeline.db.search").</summary>
    public static SearchIndexOptions Beside(string databasePath) => new() { IndexDirectory = Path.GetFullPath(databasePath) + FolderSuffix };

    public IReadOnlyList<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(IndexDirectory))
        {
            return ["The search index folder is empty."];
        }

        return File.Exists(IndexDirectory) ? [$"The search index folder '{IndexDirectory}' is a file."] : [];
    }
}
