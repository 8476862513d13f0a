namespace NewsPipeline.Ingestion;

/// <summary>
/// Limits and manners of every HTTP request the ingestion stage makes. Units are in the types
/// (TimeSpan, bytes as long); <see cref="Validate"/> reports every problem at once.
/// </summary>
public sealed record IngestionOptions
{
    private const long MiB = 1024 * 1024;

    /// <summary>Whole-request budget: connect, headers, redirects and body.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Largest feed body accepted, counted on the wire while streaming.</summary>
    public long FeedBodyLimitBytes { get; init; } = 15 * MiB;

    /// <summary>Largest article page accepted, counted on the wire while streaming.</summary>
    public long PageBodyLimitBytes { get; init; } = 5 * MiB;

    /// <summary>Largest body after gzip/deflate/br decompression, so a small bomb cannot fill memory.</summary>
    public long DecompressedBodyLimitBytes { get; init; } = 40 * MiB;

    /// <summary>Redirect hops followed before the request is given up as a loop.</summary>
    public int MaxRedirects { get; init; } = 5;

    /// <summary>Publishers must be able to tell who polls them and how to reach us.</summary>
    public string UserAgent { get; init; } = "NewsPipeline/1.0 (+https://github.com/newspipeline/newspipeline; metals news feed reader)";

    public string FeedAccept { get; init; } =
        "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5";

    public string PageAccept { get; init; } = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";

    /// <summary>Connections are recycled so DNS changes of a publisher are noticed.</summary>
    public TimeSpan PooledConnectionLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Every problem with these options, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (RequestTimeout <= TimeSpan.Zero || RequestTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{nameof(RequestTimeout)} must be between 0 and 10 minutes (is {RequestTimeout}).");
        }

        if (FeedBodyLimitBytes <= 0)
        {
            errors.Add($"{nameof(FeedBodyLimitBytes)} must be positive (is {FeedBodyLimitBytes}).");
        }

        if (PageBodyLimitBytes <= 0)
        {
            errors.Add($"{nameof(PageBodyLimitBytes)} must be positive (is {PageBodyLimitBytes}).");
        }

        if (DecompressedBodyLimitBytes < Math.Max(FeedBodyLimitBytes, PageBodyLimitBytes))
        {
            errors.Add($"{nameof(DecompressedBodyLimitBytes)} ({DecompressedBodyLimitBytes}) must be at least the larger body limit.");
        }

        if (MaxRedirects is < 0 or > 20)
        {
            errors.Add($"{nameof(MaxRedirects)} must be between 0 and 20 (is {MaxRedirects}).");
        }

        if (string.IsNullOrWhiteSpace(UserAgent) || !UserAgent.Contains("http", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{nameof(UserAgent)} must name the client and carry a contact URL.");
        }

        if (string.IsNullOrWhiteSpace(FeedAccept) || string.IsNullOrWhiteSpace(PageAccept))
        {
            errors.Add($"{nameof(FeedAccept)} and {nameof(PageAccept)} must not be empty.");
        }

        if (PooledConnectionLifetime <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(PooledConnectionLifetime)} must be positive (is {PooledConnectionLifetime}).");
        }

        return errors;
    }

    /// <summary>Throws with the whole list when <see cref="Validate"/> finds anything.</summary>
    public IngestionOptions EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid ingestion options:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        }

        return this;
    }
}
