using NewsPipeline.Core.Extraction;

namespace NewsPipeline.Core.Stories;

/// <summary>Why a report was judged to be a stored story: how much the fields agree and whether the text is a near copy.</summary>
public sealed record StoryMatch(StorySignature Story, int Agreement, bool NearDuplicateText);

/// <summary>
/// Decides whether a newly extracted event reports a deal already stored. Translations share no text, so the
/// structured fields decide: same type and metal, no field in conflict (a different buyer, seller, tonnage beyond
/// the tolerance, start year, origin or destination means another deal), and enough positive agreement, with
/// a company worth more than a country. Near-duplicate evidence text (syndicated copies) is enough when nothing
/// conflicts. Status is not compared: a deal moving from talks to signed is still one deal.
/// </summary>
public sealed class StoryMatcher
{
    /// <summary>Agreement needed without near-duplicate text: a company and a year, or a tonnage and a country.</summary>
    public const int RequiredAgreement = 3;

    private const int CompanyWeight = 2;
    private const int TonnesWeight = 2;
    private const int PlaceOrDateWeight = 1;

    private readonly StoryMatchOptions options;

    public StoryMatcher(StoryMatchOptions options)
    {
        options.ThrowIfInvalid();
        this.options = options;
    }

    /// <summary>The stored story that <paramref name="report"/> is most likely a report of, or null for a new deal.</summary>
    public StoryMatch? FindBest(StorySignature report, IEnumerable<StorySignature> stories) =>
        stories.Select(story => Compare(report, story))
            .OfType<StoryMatch>()
            .OrderByDescending(match => match.Agreement)
            .ThenByDescending(match => match.NearDuplicateText)
            .ThenByDescending(match => match.Story.LastReported)
            .ThenBy(match => match.Story.Id, StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>The match when <paramref name="report"/> is the same deal as <paramref name="story"/>, else null.</summary>
    public StoryMatch? Compare(StorySignature report, StorySignature story)
    {
        var (a, b) = (report.Event, story.Event);
        if (a.Type != b.Type
            || !SameText(a.Metal, b.Metal)
            || story.ArticleIds.Intersect(report.ArticleIds, StringComparer.Ordinal).Any()
            || !WithinWindow(report, story))
        {
            return null;
        }

        Agreement[] fields =
        [
            Compare(StoryBlocking.PartyKey(a.Buyer), StoryBlocking.PartyKey(b.Buyer), CompanyWeight),
            Compare(StoryBlocking.PartyKey(a.Seller), StoryBlocking.PartyKey(b.Seller), CompanyWeight),
            CompareTonnes(a, b),
            Compare(a.Per, b.Per, 0),
            Compare(Year(a.Start), Year(b.Start), PlaceOrDateWeight),
            Compare(Country(a.Origin), Country(b.Origin), PlaceOrDateWeight),
            Compare(Country(a.Destination), Country(b.Destination), PlaceOrDateWeight),
        ];
        if (fields.Any(field => field.Conflict))
        {
            return null;
        }

        var agreement = fields.Sum(field => field.Weight);
        var nearDuplicate = NearDuplicate(report.EvidenceHashes, story.EvidenceHashes);
        return agreement >= RequiredAgreement || nearDuplicate ? new StoryMatch(story, agreement, nearDuplicate) : null;
    }

    private bool WithinWindow(StorySignature report, StorySignature story) =>
        report.LastReported >= story.FirstReported - options.Window && report.FirstReported <= story.LastReported + options.Window;

    private Agreement CompareTonnes(SupplyEvent a, SupplyEvent b)
    {
        if (a.Tonnes is not { } x || b.Tonnes is not { } y)
        {
            return default;
        }

        var close = Math.Abs(x - y) <= options.TonnesTolerance * Math.Max(Math.Abs(x), Math.Abs(y));
        return close ? new Agreement(TonnesWeight, false) : new Agreement(0, true);
    }

    private bool NearDuplicate(IReadOnlyList<ulong> reported, IReadOnlyList<ulong> stored) =>
        reported.Where(hash => hash != 0)
            .Any(hash => stored.Any(other => other != 0 && SimHash.Distance(hash, other) <= options.NearDuplicateDistance));

    private static Agreement Compare<T>(T? a, T? b, int weight)
    {
        if (a is null || b is null)
        {
            return default;
        }

        return EqualityComparer<T>.Default.Equals(a, b) ? new Agreement(weight, false) : new Agreement(0, true);
    }

    private static bool SameText(string? a, string? b) =>
        string.Equals(a?.Trim(), b?.Trim(), StringComparison.OrdinalIgnoreCase);

    private static string? Year(string? start) =>
        start is { Length: >= 4 } ? start[..4] : null;

    private static string? Country(string? code) =>
        string.IsNullOrWhiteSpace(code) ? null : code.Trim().ToUpperInvariant();

    private readonly record struct Agreement(int Weight, bool Conflict);
}
