using System.Globalization;

namespace NewsPipeline.Core.Search;

/// <summary>
/// The days an event covers, for date filters, sorting and month facets: its <c>start</c> when it has one
/// ("2026" spans the whole year, "2026-03" the month, "2026-03-15" the day), else its article's publication day.
/// </summary>
public readonly record struct EventPeriod(DateOnly From, DateOnly To)
{
    public static EventPeriod? Of(string? start, DateTimeOffset? articlePublished) =>
        FromStart(start) ?? (articlePublished is { } published ? Day(DateOnly.FromDateTime(published.UtcDateTime)) : null);

    /// <summary>The period a <c>start</c> value names, or null when it is absent or not a date.</summary>
    public static EventPeriod? FromStart(string? start)
    {
        if (string.IsNullOrWhiteSpace(start))
        {
            return null;
        }

        var text = start.Trim();
        var culture = CultureInfo.InvariantCulture;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", culture, DateTimeStyles.None, out var day))
        {
            return Day(day);
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM", culture, DateTimeStyles.None, out var month))
        {
            return new EventPeriod(month, month.AddMonths(1).AddDays(-1));
        }

        if (DateOnly.TryParseExact(text, "yyyy", culture, DateTimeStyles.None, out var year))
        {
            return new EventPeriod(year, year.AddYears(1).AddDays(-1));
        }

        return null;
    }

    private static EventPeriod Day(DateOnly day) => new(day, day);
}
