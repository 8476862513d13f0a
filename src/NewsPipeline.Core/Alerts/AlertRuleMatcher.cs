using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Stories;

namespace NewsPipeline.Core.Alerts;

/// <summary>
/// Whether a stored deal is what a rule asks for. Names in the rule are already canonical (aliases and metal
/// members are resolved when a subscription is added), so matching is plain comparison and needs no lexicon.
/// </summary>
public static class AlertRuleMatcher
{
    public static bool Matches(AlertRule rule, StoredEvent stored)
    {
        var e = stored.Event;
        return (rule.Types.Count == 0 || rule.Types.Contains(e.Type))
            && (rule.Statuses.Count == 0 || rule.Statuses.Contains(e.Status))
            && (rule.Metals.Count == 0 || rule.Metals.Any(metal => Same(metal, e.Metal)))
            && (rule.Countries.Count == 0 || rule.Countries.Any(country => CountryMatches(rule.CountryRole, country, e.Origin, e.Destination)))
            && (rule.Companies.Count == 0 || rule.Companies.Any(company => SameParty(company, e.Buyer) || SameParty(company, e.Seller)))
            && (rule.MinTonnes is not { } min || e.Tonnes >= min)
            && (rule.Keywords.Count == 0 || rule.Keywords.Any(keyword => Texts(stored).Any(text => text.Contains(keyword, StringComparison.OrdinalIgnoreCase))))
            && (rule.Languages.Count == 0 || Languages(stored).Any(language => rule.Languages.Contains(language, StringComparer.OrdinalIgnoreCase)));
    }

    private static bool CountryMatches(CountryRole role, string country, string? origin, string? destination) => role switch
    {
        CountryRole.Origin => Same(country, origin),
        CountryRole.Destination => Same(country, destination),
        _ => Same(country, origin) || Same(country, destination),
    };

    private static bool Same(string wanted, string? actual) =>
        actual is not null && string.Equals(wanted.Trim(), actual.Trim(), StringComparison.OrdinalIgnoreCase);

    private static bool SameParty(string wanted, string? party) =>
        StoryBlocking.PartyKey(party) is { } key && string.Equals(StoryBlocking.PartyKey(wanted), key, StringComparison.Ordinal);

    private static IEnumerable<string> Texts(StoredEvent stored)
    {
        yield return stored.Event.Summary;
        yield return stored.Event.Evidence;
        foreach (var source in stored.Sources ?? [])
        {
            if (source.Title is not null)
            {
                yield return source.Title;
            }

            yield return source.Reported.Evidence;
        }

        if (stored.ArticleTitle is not null)
        {
            yield return stored.ArticleTitle;
        }
    }

    private static IEnumerable<string> Languages(StoredEvent stored) =>
        (stored.Sources ?? []).Select(source => source.Language).Append(stored.Language);
}
