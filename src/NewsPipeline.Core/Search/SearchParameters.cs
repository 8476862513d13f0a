namespace NewsPipeline.Core.Search;

/// <summary>The query-string names of the API contract, shared by the CLI (as --kebab-case options), API and page.</summary>
public static class SearchParameters
{
    public const string Metal = "metal";
    public const string Type = "type";
    public const string Status = "status";
    public const string Country = "country";
    public const string CountryRole = "country_role";
    public const string Company = "company";
    public const string Since = "since";
    public const string Until = "until";
    public const string DateField = "date_field";
    public const string MinTonnes = "min_tonnes";
    public const string MaxTonnes = "max_tonnes";
    public const string MinSources = "min_sources";
    public const string Language = "language";
    public const string Feed = "feed";
    public const string Text = "q";
    public const string Sort = "sort";
    public const string Limit = "limit";
    public const string Cursor = "cursor";

    /// <summary>Every filter and paging name an event query accepts.</summary>
    public static IReadOnlyList<string> EventNames { get; } =
        [Metal, Type, Status, Country, CountryRole, Company, Since, Until, DateField, MinTonnes, MaxTonnes, MinSources, Language, Feed, Text, Sort, Limit, Cursor];

    /// <summary>The names an article search accepts.</summary>
    public static IReadOnlyList<string> ArticleNames { get; } = [Text, Language, Limit, Cursor];
}

/// <summary>One thing wrong with one query parameter.</summary>
public sealed record ParameterError(string Parameter, string Message);

/// <summary>A parsed query, or every error found in its parameters (never both).</summary>
public sealed record SearchParse<T>(T? Value, IReadOnlyList<ParameterError> Errors)
    where T : class
{
    public bool IsValid => Value is not null;
}
