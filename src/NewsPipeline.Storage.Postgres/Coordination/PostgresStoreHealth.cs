using System.Net.Sockets;
using NewsPipeline.Core.Storage;
using NewsPipeline.Storage.Postgres.Schema;
using Npgsql;

namespace NewsPipeline.Storage.Postgres.Coordination;

/// <summary>The server store's health: does the database answer, and is its schema the version this build needs.</summary>
public sealed class PostgresStoreHealth(NpgsqlDataSource dataSource) : IStoreHealth
{
    public async Task<StoreHealth> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            var status = await new SchemaMigrator(dataSource).GetStatusAsync(cancellationToken);
            return new StoreHealth(
                "postgresql",
                Reachable: true,
                status.Version,
                status.Pending.Count,
                status.IsCurrent ? null : $"{status.Pending.Count} migration(s) pending: run `newspipeline migrate`");
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException or SchemaMigrationException)
        {
            return new StoreHealth("postgresql", Reachable: ex is SchemaMigrationException, Problem: ex.Message);
        }
    }
}
