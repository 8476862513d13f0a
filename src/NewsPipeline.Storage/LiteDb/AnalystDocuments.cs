namespace NewsPipeline.Storage.LiteDb;

/// <summary>One row of the <c>mentions</c> collection: an article's mentions as DESIGN §3 JSON, keyed by article id.</summary>
internal sealed class MentionsDocument
{
    public string Id { get; set; } = string.Empty;

    public string Json { get; set; } = string.Empty;
}

/// <summary>One row of the <c>saved_searches</c> collection.</summary>
internal sealed class SavedSearchDocument
{
    public string Id { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Query { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}
