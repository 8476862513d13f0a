using NewsPipeline.Core.Storage;

namespace NewsPipeline.Core.Stories;

/// <summary>
/// The backend-neutral half of storing an event: which blocking keys to read, and, given the stored deals found
/// under them, either a new deal or the updated deal with one more source. A backend reads the candidates,
/// calls <see cref="Resolve"/> and inserts or updates <see cref="StoryResolution.Stored"/> in its transaction.
/// </summary>
public sealed class StoryResolver
{
    private readonly StoryMatcher matcher;
    private readonly StoryBlocking blocking;

    public StoryResolver(StoryMatchOptions options)
    {
        matcher = new StoryMatcher(options);
        blocking = new StoryBlocking(options);
    }

    /// <summary>The keys under which deals that <paramref name="offered"/> may report are filed.</summary>
    public IReadOnlyList<string> LookupKeys(StoredEvent offered) => blocking.LookupKeys(StorySignature.OfStored(offered));

    /// <summary>The keys a stored deal is filed under.</summary>
    public IReadOnlyList<string> KeysOf(StoredEvent stored) => blocking.KeysOf(StorySignature.OfStored(stored));

    /// <summary>What to store for <paramref name="offered"/> (one article's report) given the deals filed under its keys.</summary>
    public StoryResolution Resolve(StoredEvent offered, IEnumerable<StoredEvent> candidates)
    {
        var report = StorySignature.OfStored(offered);
        var byId = candidates.DistinctBy(stored => stored.Id, StringComparer.Ordinal).ToDictionary(stored => stored.Id, StringComparer.Ordinal);
        var match = matcher.FindBest(report, byId.Values.Select(StorySignature.OfStored));
        if (match is null)
        {
            var fresh = offered with { Sources = StorySignature.StoredSources(offered), History = [] };
            return new StoryResolution(fresh, new EventIngest(offered.Id, offered.Id, StoryOutcome.NewEvent, 1));
        }

        var story = byId[match.Story.Id];
        var source = StorySignature.StoredSources(offered)[0];
        var change = StatusTransition.Matters(story.Event.Status, offered.Event.Status)
            ? new StatusChange(story.Event.Status, offered.Event.Status, offered.ArticleId, offered.ArticlePublished, offered.StoredAt)
            : null;
        var sources = StorySignature.StoredSources(story).Append(source).ToList();
        var updated = story with
        {
            Event = StoryMerge.Apply(story.Event, offered.Event),
            Sources = sources,
            History = change is null ? story.History ?? [] : [.. story.History ?? [], change],
        };
        var outcome = change is null ? StoryOutcome.NewSource : StoryOutcome.StatusChanged;
        return new StoryResolution(updated, new EventIngest(offered.Id, story.Id, outcome, sources.Count, change));
    }
}

/// <summary>The record to store (new when <see cref="Result"/> says <see cref="StoryOutcome.NewEvent"/>, else an update) and the outcome to report.</summary>
public sealed record StoryResolution(StoredEvent Stored, EventIngest Result);
