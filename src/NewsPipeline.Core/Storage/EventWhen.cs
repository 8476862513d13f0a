using System.Globalization;

namespace NewsPipeline.Core.Storage;

/// <summary>
/// The dates an event covers, for the since/until filters and for ordering: its <c>start</c> when it has one
/// ("2026" spans the whole year, "2026-03" the month, "2026-03-15" the day), else the day its article was published.
/// </summary>
public readonly record struct EventWhen(DateOnly From, DateOnly To)
{
    public static EventWhen? Of(string? start, DateTimeOffset? articlePublished)
    {
        if (TryParseStart(start) is { } fromStart)
        {
            return fromStart;
        }

        if (articlePublished is { } published)
        {
            var day = DateOnly.FromDateTime(published.UtcDateTime);
            return new EventWhen(day, day);
        }

        return null;
    }

    private static EventWhen? TryParseStart(string? start)
    {
        if (string.IsNullOrWhiteSpace(start))
        {
            return null;
        }

        var text = start.Trim();
        var culture = CultureInfo.InvariantCulture;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", culture, DateTimeStyles.None, out var day))
        {
            return new EventWhen(day, day);
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM", culture, DateTimeStyles.None, out var month))
        {
            return new EventWhen(month, month.AddMonths(1).AddDays(-1));
        }

        if (DateOnly.TryParseExact(text, "yyyy", culture, DateTimeStyles.None, out var year))
        {
            return new EventWhen(year, year.AddYears(1).AddDays(-1));
        }

        return null;
    }
}
