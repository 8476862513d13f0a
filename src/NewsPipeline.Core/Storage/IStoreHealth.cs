namespace NewsPipeline.Core.Storage;

/// <summary>Whether the store can be used now: for the health endpoint, without the caller knowing the backend.</summary>
public interface IStoreHealth
{
    Task<StoreHealth> CheckAsync(CancellationToken cancellationToken);
}

/// <param name="Kind">"litedb" or "postgresql".</param>
/// <param name="Reachable">False when the database did not answer; the service is then unhealthy.</param>
/// <param name="SchemaVersion">The applied schema version of a server store; null for the embedded one.</param>
/// <param name="PendingMigrations">Migrations this build ships that the database lacks.</param>
/// <param name="Problem">Why the store is unreachable or not current, for operators.</param>
public sealed record StoreHealth(string Kind, bool Reachable, int? SchemaVersion = null, int PendingMigrations = 0, string? Problem = null);
