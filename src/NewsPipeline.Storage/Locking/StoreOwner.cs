namespace NewsPipeline.Storage;

/// <summary>The process that holds a store file, as it describes itself in the lock file.</summary>
/// <param name="Pid">Operating-system process id of the owner.</param>
/// <param name="ServiceUrl">Loopback URL where the owner answers queries, once it listens; null before.</param>
/// <param name="AcquiredAt">When the owner took the lock.</param>
public sealed record StoreOwner(int Pid, string? ServiceUrl, DateTimeOffset? AcquiredAt = null);
