using NewsPipeline.Core.Extraction;

namespace NewsPipeline.Core.Stories;

/// <summary>
/// What a further report changes on a stored deal: fields the deal lacked are taken from the report (the first
/// report often omits the tonnage or the start), a start the report gives more precisely within the same year
/// replaces a bare year, and the status moves when the change matters (see <see cref="StatusTransition"/>).
/// Fields both sides know are kept: the matcher has already found them compatible.
/// </summary>
public static class StoryMerge
{
    public static SupplyEvent Apply(SupplyEvent story, SupplyEvent report) =>
        story with
        {
            Buyer = story.Buyer ?? report.Buyer,
            Seller = story.Seller ?? report.Seller,
            Tonnes = story.Tonnes ?? report.Tonnes,
            Per = story.Per ?? report.Per,
            Start = MorePrecise(story.Start, report.Start),
            Origin = story.Origin ?? report.Origin,
            Destination = story.Destination ?? report.Destination,
            Status = StatusTransition.Matters(story.Status, report.Status) ? report.Status : story.Status,
            Summary = string.IsNullOrWhiteSpace(story.Summary) ? report.Summary : story.Summary,
        };

    private static string? MorePrecise(string? stored, string? reported)
    {
        if (stored is null)
        {
            return reported;
        }

        return reported is not null && reported.Length > stored.Length && reported.StartsWith(stored, StringComparison.Ordinal)
            ? reported
            : stored;
    }
}
