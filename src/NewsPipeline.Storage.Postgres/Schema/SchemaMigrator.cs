using Npgsql;

namespace NewsPipeline.Storage.Postgres.Schema;

/// <summary>Where the database's schema stands against the migrations this build ships.</summary>
public sealed record SchemaStatus(IReadOnlyList<AppliedMigration> Applied, IReadOnlyList<Migration> Pending)
{
    public bool IsCurrent => Pending.Count == 0;

    public int Version => Applied.Count == 0 ? 0 : Applied.Max(m => m.Version);
}

/// <summary>A migration as recorded in <c>schema_migrations</c>.</summary>
public sealed record AppliedMigration(int Version, string Name, string Checksum, DateTimeOffset AppliedAt);

/// <summary>
/// Applies the versioned migrations. Several processes may start at once against one database: a transaction-level
/// advisory lock makes them take turns, and each re-reads what is applied after taking it, so every step runs once.
/// Each step runs in its own transaction with its record, so a crash leaves the schema at a whole version.
/// </summary>
public sealed class SchemaMigrator(NpgsqlDataSource dataSource, IReadOnlyList<Migration> migrations)
{
    // Any constant unique to this application: pg_advisory_xact_lock takes a bigint key.
    private const long MigrationLockKey = 0x4E_65_77_73_50_69_70_65;

    public SchemaMigrator(NpgsqlDataSource dataSource)
        : this(dataSource, Migration.Embedded())
    {
    }

    public async Task<SchemaStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var applied = await ReadAppliedAsync(connection, null, cancellationToken);
        return Compare(applied);
    }

    /// <summary>Applies every pending migration; returns those this call applied (none when another process did).</summary>
    public async Task<IReadOnlyList<Migration>> MigrateAsync(CancellationToken cancellationToken)
    {
        var done = new List<Migration>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var migration in migrations)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLockKey})", cancellationToken);
            await ExecuteAsync(connection, transaction, CreateTable, cancellationToken);
            var status = Compare(await ReadAppliedAsync(connection, transaction, cancellationToken));
            if (!status.Pending.Contains(migration))
            {
                await transaction.RollbackAsync(cancellationToken);
                continue;
            }

            try
            {
                await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            }
            catch (PostgresException ex)
            {
                throw new SchemaMigrationException($"Migration {migration.Version:D4}_{migration.Name} failed: {ex.MessageText} (SQLSTATE {ex.SqlState}); nothing of it was applied.", ex);
            }

            await using (var record = new NpgsqlCommand(
                "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, now())", connection, transaction))
            {
                record.Parameters.Add(new() { Value = migration.Version });
                record.Parameters.Add(new() { Value = migration.Name });
                record.Parameters.Add(new() { Value = migration.Checksum });
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            done.Add(migration);
        }

        return done;
    }

    /// <summary>Migrates when <paramref name="migrate"/>, else refuses to run against a schema that is behind or foreign.</summary>
    public async Task EnsureCurrentAsync(bool migrate, CancellationToken cancellationToken)
    {
        if (migrate)
        {
            await MigrateAsync(cancellationToken);
        }

        var status = await GetStatusAsync(cancellationToken);
        if (!status.IsCurrent)
        {
            throw new SchemaMigrationException(
                $"The database schema is at version {status.Version}; this build needs {(migrations.Count == 0 ? 0 : migrations.Max(m => m.Version))} " +
                $"({status.Pending.Count} migration(s) pending). Run `newspipeline migrate --store <connection string>` " +
                "or start with migrations enabled.");
        }
    }

    private SchemaStatus Compare(IReadOnlyList<AppliedMigration> applied)
    {
        foreach (var record in applied)
        {
            var shipped = migrations.FirstOrDefault(m => m.Version == record.Version);
            if (shipped is null)
            {
                throw new SchemaMigrationException(
                    $"The database has migration {record.Version:D4}_{record.Name}, which this build does not know: it was migrated by a newer NewsPipeline.");
            }

            if (!string.Equals(shipped.Checksum, record.Checksum, StringComparison.Ordinal))
            {
                throw new SchemaMigrationException(
                    $"Migration {record.Version:D4}_{record.Name} was applied with different contents (checksum {record.Checksum[..12]}…, this build {shipped.Checksum[..12]}…); shipped migrations must never be edited.");
            }
        }

        var appliedVersions = applied.Select(a => a.Version).ToHashSet();
        return new SchemaStatus(applied, migrations.Where(m => !appliedVersions.Contains(m.Version)).ToList());
    }

    private static async Task<IReadOnlyList<AppliedMigration>> ReadAppliedAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", connection, transaction))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                return [];
            }
        }

        var applied = new List<AppliedMigration>();
        await using var command = new NpgsqlCommand("SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add(new AppliedMigration(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    integer     PRIMARY KEY,
            name       text        NOT NULL,
            checksum   text        NOT NULL,
            applied_at timestamptz NOT NULL
        )
        """;
}

/// <summary>The schema cannot be brought to, or is not at, the version this build needs.</summary>
public sealed class SchemaMigrationException(string message, Exception? inner = null) : Exception(message, inner);
