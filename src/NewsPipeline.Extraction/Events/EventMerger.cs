using NewsPipeline.Core.Extraction;

namespace NewsPipeline.Extraction.Events;

/// <summary>
/// Within-article merging: the same (type, metal, tonnage) told twice is one event, and a mention without a tonnage
/// joins an event of the same type and metal whose parties it does not contradict. Gaps in the kept event are
/// filled from the merged one.
/// </summary>
internal static class EventMerger
{
    public static IReadOnlyList<EventCandidate> Merge(IReadOnlyList<EventCandidate> candidates)
    {
        var kept = new List<EventCandidate>();
        foreach (var candidate in candidates.OrderBy(c => c.Tonnes is null ? 1 : 0).ThenBy(c => c.Sentence.Start))
        {
            var index = kept.FindIndex(k => Same(k, candidate));
            if (index < 0)
            {
                kept.Add(candidate);
                continue;
            }

            var k = kept[index];
            kept[index] = k with
            {
                Buyer = k.Buyer ?? candidate.Buyer,
                Seller = k.Seller ?? candidate.Seller,
                Origin = k.Origin ?? candidate.Origin,
                Destination = k.Destination ?? candidate.Destination,
                Start = k.Start ?? candidate.Start,
                // "The agreement … was terminated": a later mention that ends or denies the deal tells its status.
                Status = candidate.Status is EventStatus.Ended or EventStatus.Denied ? candidate.Status : k.Status,
            };
        }

        return kept.OrderBy(c => c.Sentence.Start).ThenBy(c => c.Quantity?.Start ?? 0).ToList();
    }

    private static bool Same(EventCandidate kept, EventCandidate candidate)
    {
        if (kept.Type != candidate.Type || !string.Equals(kept.Metal, candidate.Metal, StringComparison.Ordinal))
        {
            return false;
        }

        // The same tonnage in two different periods (phase 1 from 2011, phase 2 from 2012) is two events.
        if (kept.Start is not null && candidate.Start is not null && !string.Equals(kept.Start[..4], candidate.Start[..4], StringComparison.Ordinal))
        {
            return false;
        }

        if (candidate.Tonnes is { } t)
        {
            // "at least 50 t/yr" repeats the low end of "50-200 t/yr" told before.
            var known = new List<double>();
            known.AddRange(kept.Tonnes is { } k ? [k] : []);
            known.AddRange(kept.Quantity?.Quantity.RangeTonnes ?? []);
            return known.Any(k => Math.Abs(k - t) <= 0.01 * Math.Max(k, t));
        }

        return Compatible(kept.Buyer, candidate.Buyer) && Compatible(kept.Seller, candidate.Seller);
    }

    /// <summary>Two party names agree when one's words contain the other's ("Mitsubishi Corporation" within "Mitsubishi Corporation RtM Japan").</summary>
    internal static bool Compatible(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return true;
        }

        var wordsA = a.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var wordsB = b.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return wordsA.IsSubsetOf(wordsB) || wordsB.IsSubsetOf(wordsA);
    }
}
