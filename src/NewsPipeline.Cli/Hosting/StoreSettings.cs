using NewsPipeline.Cli.Commands;
using NewsPipeline.Storage;
using NewsPipeline.Storage.Postgres;

namespace NewsPipeline.Cli.Hosting;

/// <summary>
/// Which backend holds the store: the embedded LiteDB file (one process) or a shared PostgreSQL database (many
/// workers). Exactly one of the two options is set; <see cref="For"/> tells them apart from what the operator typed.
/// </summary>
public sealed record StoreSettings
{
    /// <summary>Where the store is when neither <c>--store</c> nor <c>--db</c> is given.</summary>
    public const string EnvironmentVariable = "NEWSPIPELINE_STORE";

    public LiteDbStoreOptions? LiteDb { get; init; }

    public PostgresStoreOptions? Postgres { get; init; }

    public bool IsPostgres => Postgres is not null;

    /// <summary>
    /// The store named by <paramref name="location"/>: a <c>postgresql://</c> URI or <c>Host=…</c> connection string
    /// selects PostgreSQL, anything else is a LiteDB file path. Null falls back to <see cref="EnvironmentVariable"/>,
    /// then to the LiteDB default path.
    /// </summary>
    public static StoreSettings For(string? location, bool migrateOnStart = false)
    {
        var value = location
            ?? (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : LiteDbStoreOptions.DefaultDatabasePath);
        return PostgresConnectionString.IsPostgres(value)
            ? new StoreSettings { Postgres = new PostgresStoreOptions { ConnectionString = value, MigrateOnStart = migrateOnStart } }
            : new StoreSettings { LiteDb = new LiteDbStoreOptions { DatabasePath = string.IsNullOrWhiteSpace(value) ? value : Path.GetFullPath(value) } };
    }

    /// <summary>The store as it may be shown in messages and logs: a file path, or the connection string without its password.</summary>
    public string Describe() =>
        Postgres is { } postgres ? PostgresConnectionString.Redact(postgres.ConnectionString) : LiteDb?.DatabasePath ?? "(no store)";

    /// <summary>Every problem with the chosen backend's options.</summary>
    public IReadOnlyList<string> Validate() => (LiteDb, Postgres) switch
    {
        (null, null) => ["No store is configured: give --store with a LiteDB file path or a PostgreSQL connection string."],
        (not null, not null) => ["Both a LiteDB file and a PostgreSQL database are configured; choose one."],
        ({ } liteDb, null) => liteDb.Validate(),
        (null, { } postgres) => postgres.Validate(),
    };

    /// <summary>
    /// For commands that read a store: a LiteDB file that does not exist is a usage error (opening would create an
    /// empty one). A PostgreSQL database is checked by connecting to it.
    /// </summary>
    public void RequireExisting()
    {
        if (LiteDb is { } liteDb && !File.Exists(liteDb.DatabasePath))
        {
            throw new UsageException($"no store at {liteDb.DatabasePath}: run 'newspipeline demo' or 'newspipeline run' first, or pass --store");
        }
    }
}
