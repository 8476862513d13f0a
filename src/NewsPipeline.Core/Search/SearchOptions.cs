namespace NewsPipeline.Core.Search;

/// <summary>The order of an event page (query parameter <c>sort</c>).</summary>
public enum EventSort
{
    /// <summary>Newest event first: event date (its start, else the article's publication), then id.</summary>
    DateDesc,
    DateAsc,
    /// <summary>Largest tonnage first; events without a tonnage come last.</summary>
    TonnesDesc,
    TonnesAsc,
    /// <summary>Most reported deal first (the number of articles that reported it), then newest id.</summary>
    SourcesDesc,
    /// <summary>Best full-text match first; needs <c>q</c>.</summary>
    Relevance,
}

/// <summary>Which side of a trade flow the <c>country</c> filter looks at.</summary>
public enum CountryRole
{
    Either,
    Origin,
    Destination,
}

/// <summary>Which date the <c>since</c>/<c>until</c> filters compare with.</summary>
public enum DateField
{
    /// <summary>The article's publication day.</summary>
    Published,
    /// <summary>The period the event covers: its <c>start</c> ("2026" spans the year), else the publication day.</summary>
    Start,
}
