using Npgsql;
using Xunit;

namespace NewsPipeline.TestSupport;

/// <summary>
/// The PostgreSQL server `.ci/run` starts for the tests, named by the <see cref="Variable"/> environment variable
/// (a connection string for a role that may create databases). Each test gets a database of its own, dropped when
/// disposed; without the variable the test is skipped with a clear reason (a developer without PostgreSQL).
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable, IDisposable
{
    public const string Variable = "NEWSPIPELINE_TEST_POSTGRES";

    private readonly string admin;
    private int disposed;

    private PostgresDatabase(string admin, string name, string connectionString)
    {
        this.admin = admin;
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The server's connection string when the variable is set, else null.</summary>
    public static string? ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public string Name { get; }

    /// <summary>Npgsql connection string of this test's own, empty database.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates an empty database, or skips the test when no server is configured.</summary>
    public static async Task<PostgresDatabase> CreateAsync()
    {
        var server = ServerConnectionString;
        Skip.If(server is null, $"{Variable} is not set: this test needs a PostgreSQL server (.ci/run starts one).");
        var name = "np_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new PostgresDatabase(server!, name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
