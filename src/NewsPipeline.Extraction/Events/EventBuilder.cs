using System.Globalization;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.Extraction.Recognisers;

namespace NewsPipeline.Extraction.Events;

/// <summary>The event stage: find candidates, assign roles, status and start, merge repeats, write the records.</summary>
internal sealed class EventBuilder(LexiconSet lexicons, EventTypeClassifier classifier)
{
    private readonly EventTyper typer = new(lexicons.Metals, lexicons.Events, new ClassifierVeto(classifier));

    public IReadOnlyList<SupplyEvent> Build(RecognisedArticle article)
    {
        var cues = ArticleCues.Find(article, lexicons.Events, lexicons.Dates);
        var candidates = typer.Find(article, cues)
            .Select(c => RoleAssigner.Assign(c, article, cues))
            .Select(c => RoleAssigner.FromEarlierMention(c, article, cues))
            .Select(c => StartResolver.Assign(c, article, cues))
            .Select(c => StatusDetector.Assign(c, cues, article))
            .ToList();
        return EventMerger.Merge(candidates).Select(c => StartResolver.FromPublication(c, article)).Select(c => ToRecord(c, article)).ToList();
    }

    private static SupplyEvent ToRecord(EventCandidate c, RecognisedArticle article) => new(
        c.Type,
        c.Metal,
        c.Buyer,
        c.Seller,
        c.Tonnes,
        c.Per,
        c.Start,
        c.Origin,
        c.Destination,
        c.Status,
        Summarise(c),
        article.Text.Slice(c.Sentence.Start, c.Sentence.End));

    private static string Summarise(EventCandidate c)
    {
        var parts = new List<string> { c.Type.ToString(), c.Metal };
        if (c.Seller is not null || c.Buyer is not null)
        {
            parts.Add($"{c.Seller ?? "?"} → {c.Buyer ?? "?"}");
        }

        if (c.Tonnes is { } t)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{t:0.###} t") + (c.Per is { } p ? "/" + p.ToString().ToLowerInvariant() : string.Empty));
        }

        if (c.Origin is not null || c.Destination is not null)
        {
            parts.Add($"{c.Origin ?? "?"} → {c.Destination ?? "?"}");
        }

        if (c.Start is not null)
        {
            parts.Add("from " + c.Start);
        }

        if (c.Status != EventStatus.Fact)
        {
            parts.Add(c.Status.ToString().ToLowerInvariant());
        }

        return string.Join(", ", parts);
    }
}
