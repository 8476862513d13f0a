using NewsPipeline.Core.Stories;

namespace NewsPipeline.Storage;

/// <summary>Where the embedded LiteDB store lives. Validated before the file is touched.</summary>
public sealed record LiteDbStoreOptions
{
    /// <summary>The default store file, relative to the working directory.</summary>
    public const string DefaultDatabasePath = "./data/newspipeline.db";

    /// <summary>Path of the LiteDB data file; its folder is created when missing.</summary>
    public string DatabasePath { get; init; } = DefaultDatabasePath;

    /// <summary>When a new event counts as a further report of a stored deal.</summary>
    public StoryMatchOptions Stories { get; init; } = new();

    /// <summary>Every problem with these options, so that the operator sees them all at once.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = Stories.Validate().ToList();
        if (string.IsNullOrWhiteSpace(DatabasePath))
        {
            errors.Add("The database path is empty.");
            return errors;
        }

        if (DatabasePath.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            errors.Add($"The database path '{DatabasePath}' contains characters that are not allowed in a path.");
        }
        else if (Directory.Exists(DatabasePath))
        {
            errors.Add($"The database path '{DatabasePath}' is a folder; give the path of a file such as '{Path.Combine(DatabasePath, "newspipeline.db")}'.");
        }
        else if (DatabasePath.EndsWith(StoreLock.LockFileSuffix, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"The database path '{DatabasePath}' names a lock file; give the path of the data file.");
        }

        return errors;
    }

    /// <summary>Throws one <see cref="ArgumentException"/> listing every validation error.</summary>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid LiteDB store options: " + string.Join(" ", errors));
        }
    }
}
