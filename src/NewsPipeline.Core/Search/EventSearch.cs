using NewsPipeline.Core.Extraction;

namespace NewsPipeline.Core.Search;

/// <summary>
/// A validated event query, shared by the CLI, the HTTP API and the page. Empty lists mean "any"; several values
/// in one list are alternatives (OR), different filters all apply (AND). Metal groups are already expanded.
/// </summary>
public sealed record EventSearch
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>Canonical metal names, groups expanded to their members and the group name itself.</summary>
    public IReadOnlyList<string> Metals { get; init; } = [];

    public IReadOnlyList<EventType> Types { get; init; } = [];

    public IReadOnlyList<EventStatus> Statuses { get; init; } = [];

    /// <summary>Upper-case ISO 3166-1 alpha-2 codes.</summary>
    public IReadOnlyList<string> Countries { get; init; } = [];

    public CountryRole CountryRole { get; init; } = CountryRole.Either;

    /// <summary>Companies as asked, each with the canonical names its alias resolves to.</summary>
    public IReadOnlyList<CompanyFilter> Companies { get; init; } = [];

    public DateOnly? Since { get; init; }

    /// <summary>Inclusive last day.</summary>
    public DateOnly? Until { get; init; }

    public DateField DateField { get; init; } = DateField.Published;

    public double? MinTonnes { get; init; }

    public double? MaxTonnes { get; init; }

    /// <summary>Only deals reported by at least this many articles (1 or more); null for any.</summary>
    public int? MinSources { get; init; }

    /// <summary>Lower-case language codes of the articles.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>Feed (outlet) names as configured.</summary>
    public IReadOnlyList<string> Feeds { get; init; } = [];

    /// <summary>Full-text words over the article title and text and the event evidence; null for none.</summary>
    public string? Text { get; init; }

    public EventSort Sort { get; init; } = EventSort.DateDesc;

    public int Limit { get; init; } = DefaultLimit;

    /// <summary>Where the previous page stopped; null for the first page.</summary>
    public SearchCursor? Cursor { get; init; }
}

/// <summary>A company as the user typed it and the canonical firm names it is an alias of (may be none).</summary>
public sealed record CompanyFilter(string Asked, IReadOnlyList<string> CanonicalNames);

/// <summary>A validated full-text query over articles (<c>/api/search</c>).</summary>
public sealed record ArticleSearch
{
    public string Text { get; init; } = string.Empty;

    public IReadOnlyList<string> Languages { get; init; } = [];

    public int Limit { get; init; } = EventSearch.DefaultLimit;

    public SearchCursor? Cursor { get; init; }
}
