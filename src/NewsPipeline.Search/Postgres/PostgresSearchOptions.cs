namespace NewsPipeline.Search.Postgres;

/// <summary>How the server-side search index behaves in this process.</summary>
public sealed record PostgresSearchOptions
{
    /// <summary>
    /// How long <see cref="PostgresSearchIndex.Version"/> trusts the version it last read. Writes by this process
    /// move it at once; writes by other workers are seen within this delay (the ETags of the API).
    /// </summary>
    public TimeSpan VersionRefresh { get; init; } = TimeSpan.FromSeconds(1);

    public IReadOnlyList<string> Validate() =>
        VersionRefresh < TimeSpan.Zero || VersionRefresh > TimeSpan.FromMinutes(10)
            ? [$"The search version refresh must be from 0 to 10 minutes, not {VersionRefresh}."]
            : [];
}
