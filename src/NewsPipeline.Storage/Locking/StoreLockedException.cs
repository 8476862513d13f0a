using System.Globalization;

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
        var who = owner switch
        {
            null => "another process",
            { AcquiredAt: { } since } => string.Create(CultureInfo.InvariantCulture, $"process {owner.Pid} (since {since:u})"),
            _ => string.Create(CultureInfo.InvariantCulture, $"process {owner.Pid}"),
        };
        var holder = owner is null ? "that process" : string.Create(CultureInfo.InvariantCulture, $"process {owner.Pid}");
        var what = owner?.ServiceUrl is { } url
            ? $"Query the running service at {url} instead, or stop {holder} first."
            : $"Query the running service that holds it instead, or stop {holder} first.";
        return $"The store '{databasePath}' is in use by {who}; only one process may open it at a time. {what}";
    }
}
