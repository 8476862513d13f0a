namespace NewsPipeline.Web;

/// <summary>How `serve` exposes the API. Validated before anything listens.</summary>
public sealed record WebOptions
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Where Kestrel listens; loopback unless the operator says otherwise.</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>The key write endpoints require in <c>X-Api-Key</c>; null disables writes (every write answers 401).</summary>
    public string? ApiKey { get; init; }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var url in Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                errors.Add($"'{url}' is not an http(s) URL such as {DefaultUrls}");
            }
        }

        if (ApiKey is { Length: < 16 })
        {
            errors.Add("the API key is shorter than 16 characters");
        }

        return errors;
    }
}
