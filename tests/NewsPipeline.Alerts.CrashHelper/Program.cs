using System.Globalization;
using NewsPipeline.Core.Alerts;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Text;
using NewsPipeline.Storage;
using NewsPipeline.Storage.LiteDb;

// Usage: NewsPipeline.Alerts.CrashHelper <db path> <webhook url> <secret> <run name>
// Stores a subscription that matches every gallium deal, prints "ready <pid>", then stores one new deal per article
// (the outbox row is written in the same transaction) and prints "ack <event id>" after each, forever. It never
// dispatches: the parent kills it between ingest and delivery and delivers from a fresh process.
if (args.Length != 4)
{
    await Console.Error.WriteLineAsync("usage: NewsPipeline.Alerts.CrashHelper <db path> <webhook url> <secret> <run name>");
    return 2;
}

var time = TimeProvider.System;
using var store = LiteDbPipelineStore.Open(new LiteDbStoreOptions { DatabasePath = args[0] }, time);
await store.SaveSubscriptionAsync(
    new AlertSubscription
    {
        Name = "gallium-deals",
        Rule = new AlertRule { Metals = ["gallium"] },
        Channels = [new AlertChannel { Kind = AlertChannelKind.Webhook, Url = args[1], Secret = args[2] }],
    },
    CancellationToken.None);
Console.Out.WriteLine($"ready {Environment.ProcessId}");

// Sentences written for this test, one per language, so stored rows span several scripts.
string[][] sentences =
[
    ["fr", "Le négociant {0} livrera {1} tonnes de gallium à l'acheteur {2}."],
    ["ru", "Трейдер {0} поставит {1} тонн галлия покупателю {2}."],
    ["ja", "商社{0}は{2}にガリウム{1}トンを供給する。"],
    ["kk", "{0} компаниясы {2} сатып алушыға {1} тонна галлий жеткізеді."],
];
var body = new string('·', 3000);
for (var i = 0; ; i++)
{
    var (language, pattern) = (sentences[i % sentences.Length][0], sentences[i % sentences.Length][1]);
    var n = i.ToString(CultureInfo.InvariantCulture);
    var seller = $"Seller {args[3]}.{n}";
    var buyer = $"Buyer {args[3]}.{n}";
    var sentence = string.Format(CultureInfo.InvariantCulture, pattern, seller, 10 + i, buyer);
    var url = $"https://alerts-crash.example/{args[3]}/{n}";
    var id = ContentHash.ShortId(url);
    var now = time.GetUtcNow();
    var text = sentence + " " + body;
    var article = new StoredArticle(id, url, url, ContentHash.OfText(text), "crash-feed", sentence, text, language, now, now);
    var deal = new SupplyEvent(EventType.SupplyAgreement, "gallium", buyer, seller, 10 + i, RatePeriod.Year, "2026", "KZ", "JP", EventStatus.Fact, sentence, sentence);
    var offered = new StoredEvent(id + "-0", id, deal, language, "crash-feed", url, sentence, now, now);
    var result = await store.IngestArticleAsync(article, [offered], CancellationToken.None);
    Console.Out.WriteLine($"{(result.Outcome == IngestOutcome.Added ? "ack" : "dup")} {result.Events.FirstOrDefault()?.EventId ?? id}");
}
