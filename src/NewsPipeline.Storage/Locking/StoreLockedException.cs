namespace NewsPipeline.Storage;

/// <summary>Another live process owns the store file; opening it here would corrupt it.</summary>
public sealed class StoreLockedException : IOException
{
    public StoreLockedException()
        : base("The store is in use by another process.")
    {
    }

    public StoreLockedException(string message)
        : base(message)
    {
    }

    public StoreLockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StoreLockedException(string databasePath, StoreOwner? owner, Exception innerException)
        : base(Describe(databasePath, owner), innerException)
    {
        DatabasePath = databasePath;
        Owner = owner;
    }

    /// <summary>The data file that is locked.</summary>
    public string? DatabasePath { get; }

    /// <summary>The owner as recorded in its lock file; null when it has not written itself down yet.</summary>
    public StoreOwner? Owner { get; }

    private static string Describe(string databasePath, StoreOwner? owner)
    {
        var who = owner is null ? "another process" : $"process {owner.Pid} (since {owner.AcquiredAt:u})";
        var what = owner?.ServiceUrl is { } url
            ? $"Query the running service at {url} (for example `newspipeline query` talks to it), or stop process {owner.Pid} first."
            : "Query the running service (`newspipeline serve` or `run` holding it), or stop that process first.";
        return $"The store '{databasePath}' is in use by {who}; only one process may open it at a time. {what}";
    }
}
