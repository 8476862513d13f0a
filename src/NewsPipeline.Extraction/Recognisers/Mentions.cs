using NewsPipeline.Core.Extraction;

namespace NewsPipeline.Extraction.Recognisers;

/// <summary>A half-open span of the article text.</summary>
internal interface ISpan
{
    int Start { get; }

    int End { get; }
}

internal sealed record MetalFound(int Start, int End, string Metal) : ISpan;

internal sealed record CountryFound(int Start, int End, string Code, bool IsCapital) : ISpan;

internal sealed record CompanyFound(int Start, int End, string Mention, string Name, string? Country) : ISpan;

internal sealed record OrganisationFound(int Start, int End, string Mention, string Name, string? Country) : ISpan;

/// <summary>A mass quantity before it is tied to a metal and a kind.</summary>
internal sealed record QuantityFound(int Start, int End, string Text, double Value, string? Unit, double Tonnes, RatePeriod? Per, IReadOnlyList<double>? RangeTonnes) : ISpan;

/// <summary>A quantity with the metal it measures and what it counts (contract, import, …).</summary>
/// <param name="NonMetal">The quantity measures a non-metal commodity (coal, grain) and gives no metal event.</param>
/// <param name="Target">The figure is a target or goal ("a sales target of 8,000 t/yr").</param>
internal sealed record QuantityInContext(QuantityFound Quantity, string? Metal, QuantityKind Kind, bool NonMetal, bool Target = false) : ISpan
{
    public int Start => Quantity.Start;

    public int End => Quantity.End;
}

/// <summary>A year written as digits (2026, 2026年, 2026 года).</summary>
internal sealed record YearFound(int Start, int End, int Year) : ISpan;

internal static class Spans
{
    public static bool Overlaps(this ISpan a, int start, int end) => a.Start < end && start < a.End;

    public static bool Inside<T>(IEnumerable<T> spans, int start, int end)
        where T : ISpan => spans.Any(s => s.Overlaps(start, end));
}
