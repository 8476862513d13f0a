using NewsPipeline.Core.Search;

namespace NewsPipeline.Search.Documents;

/// <summary>The sort keys of an event, computed the same way when indexing and when resuming from a cursor.</summary>
internal static class SortKeys
{
    public const double MissingTonnesDescending = -1;
    public const double MissingTonnesAscending = double.MaxValue;

    public static long DateKey(EventRow row) =>
        EventPeriod.Of(row.Start, row.Published) is { } period ? DayNumber(period.From) : 0;

    public static int DayNumber(DateOnly day) => (day.Year * 10000) + (day.Month * 100) + day.Day;

    public static double TonnesDescending(EventRow row) => row.Tonnes ?? MissingTonnesDescending;

    public static double TonnesAscending(EventRow row) => row.Tonnes ?? MissingTonnesAscending;

    /// <summary>The key a page in <paramref name="sort"/> resumes after.</summary>
    public static double Of(EventSort sort, EventRow row) => sort switch
    {
        EventSort.DateDesc or EventSort.DateAsc => DateKey(row),
        EventSort.TonnesDesc => TonnesDescending(row),
        EventSort.TonnesAsc => TonnesAscending(row),
        EventSort.SourcesDesc => row.SourceCount,
        _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, "relevance pages resume by position"),
    };
}
