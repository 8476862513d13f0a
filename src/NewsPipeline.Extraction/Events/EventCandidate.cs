using NewsPipeline.Core.Extraction;
using NewsPipeline.Extraction.Recognisers;
using NewsPipeline.Extraction.Text;

namespace NewsPipeline.Extraction.Events;

/// <summary>
/// An event in the making: its type and metal, the sentence and the clause (segment) it came from, and the
/// quantity that anchors it, if any. Roles, status and start are filled by the later steps.
/// </summary>
internal sealed record EventCandidate(
    EventType Type,
    string Metal,
    Sentence Sentence,
    int SegmentStart,
    int SegmentEnd,
    QuantityInContext? Quantity)
{
    /// <summary>The other party when the sentence lists several deals ("agreements with X for nickel and with Y for lithium").</summary>
    public CompanyFound? Counterpart { get; init; }

    public string? Buyer { get; init; }

    public string? Seller { get; init; }

    public string? Origin { get; init; }

    public string? Destination { get; init; }

    public string? Start { get; init; }

    public EventStatus Status { get; init; } = EventStatus.Fact;

    public double? Tonnes => Quantity?.Quantity.Tonnes;

    public RatePeriod? Per => Quantity?.Quantity.Per;
}
