using System.Globalization;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Text;
using NewsPipeline.Storage;
using NewsPipeline.Storage.LiteDb;

// Usage: NewsPipeline.Storage.CrashHelper <db path> <run name>
// Prints "ready <pid>" once the store is open, then "ack <article id>" after each article AddArticleAsync
// has acknowledged, forever. The parent test kills this process at an arbitrary point mid-write.
if (args.Length != 2)
{
    await Console.Error.WriteLineAsync("usage: NewsPipeline.Storage.CrashHelper <db path> <run name>");
    return 2;
}

var time = TimeProvider.System;
using var store = LiteDbPipelineStore.Open(new LiteDbStoreOptions { DatabasePath = args[0] }, time);
Console.Out.WriteLine($"ready {Environment.ProcessId}");

// A body of a few kilobytes so that each article spans several LiteDB pages and a kill lands inside a write.
var body = string.Concat(Enumerable.Repeat(
    "Le contrat prévoit la livraison de gallium primaire au Japon. Контракт предусматривает поставки галлия. 合同规定每年供应镓。 ",
    24));
for (var i = 0; ; i++)
{
    var url = $"https://crash.example/{args[1]}/{i.ToString(CultureInfo.InvariantCulture)}";
    var text = $"{args[1]} {i.ToString(CultureInfo.InvariantCulture)} {body}";
    var id = ContentHash.ShortId(url);
    var now = time.GetUtcNow();
    var article = new StoredArticle(id, url, url, ContentHash.OfText(text), "crash-feed", $"Article {i}", text, "fr", now, now);
    var events = Enumerable.Range(0, 3)
        .Select(n => new StoredEvent(
            $"{id}-{n.ToString(CultureInfo.InvariantCulture)}",
            id,
            // Distinct parties per article and event: each is its own deal, never a further source of another.
            new SupplyEvent(EventType.SupplyAgreement, "gallium", $"Buyer {args[1]}.{i}.{n}", $"Seller {args[1]}.{i}.{n}", 15 + n, RatePeriod.Year, "2026", "KZ", "JP", EventStatus.Fact, "summary", "evidence"),
            "fr",
            "crash-feed",
            url,
            article.Title,
            now,
            now))
        .ToList();
    var outcome = await store.AddArticleAsync(article, events, CancellationToken.None);
    Console.Out.WriteLine($"{(outcome == IngestOutcome.Added ? "ack" : "dup")} {id}");
}
