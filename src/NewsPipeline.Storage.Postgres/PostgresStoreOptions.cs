using NewsPipeline.Core.Stories;
using Npgsql;

namespace NewsPipeline.Storage.Postgres;

/// <summary>Where the shared PostgreSQL store lives and what a process may do to its schema. Validated before connecting.</summary>
public sealed record PostgresStoreOptions
{
    /// <summary>An Npgsql connection string (<c>Host=…;Database=…</c>) or a <c>postgresql://</c> URI.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>Apply pending schema migrations when the store opens (else opening fails while any is pending).</summary>
    public bool MigrateOnStart { get; init; }

    /// <summary>When a new event counts as a further report of a stored deal.</summary>
    public StoryMatchOptions Stories { get; init; } = new();

    /// <summary>Every problem with these options, so that the operator sees them all at once.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = Stories.Validate().ToList();
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            errors.Add("The PostgreSQL connection string is empty.");
            return errors;
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString.ToNpgsql(ConnectionString));
            if (string.IsNullOrEmpty(builder.Host))
            {
                errors.Add("The PostgreSQL connection string names no host (Host=… or postgresql://host/…).");
            }
        }
        catch (ArgumentException ex)
        {
            errors.Add($"The PostgreSQL connection string is not valid: {ex.Message}");
        }

        return errors;
    }

    /// <summary>Throws one <see cref="ArgumentException"/> listing every validation error.</summary>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid PostgreSQL store options: " + string.Join(" ", errors));
        }
    }

    /// <summary>A data source (connection pool) for these options; the caller disposes it.</summary>
    public NpgsqlDataSource BuildDataSource()
    {
        ThrowIfInvalid();
        var builder = new NpgsqlDataSourceBuilder(PostgresConnectionString.ToNpgsql(ConnectionString));
        builder.ConnectionStringBuilder.ApplicationName ??= "newspipeline";
        return builder.Build();
    }
}
