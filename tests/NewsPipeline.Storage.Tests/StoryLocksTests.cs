using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Stories;
using NewsPipeline.Storage.Postgres;
using Xunit;

namespace NewsPipeline.Storage.Tests;

/// <summary>
/// The locks that keep concurrent story matching race-free on PostgreSQL: whenever one report may find a deal
/// another is filing, the two must conflict on some lock; deals that cannot match should not.
/// </summary>
public sealed class StoryLocksTests
{
    private static readonly StoryResolver Stories = new(new StoryMatchOptions());

    [Fact]
    public void Any_report_that_can_find_a_deal_being_filed_conflicts_with_it_on_some_lock()
    {
        var reports = Variants().ToList();
        foreach (var filing in reports)
        {
            var filed = Stories.KeysOf(filing).ToHashSet(StringComparer.Ordinal);
            var filingLocks = Locks(filing);
            foreach (var reading in reports)
            {
                if (!Stories.LookupKeys(reading).Any(filed.Contains))
                {
                    continue;
                }

                var readingLocks = Locks(reading);
                Assert.True(
                    filingLocks.Any(l => readingLocks.TryGetValue(l.Key, out var exclusive) && (exclusive || l.Value)),
                    $"{Describe(reading)} finds {Describe(filing)} but takes no conflicting lock.");
            }
        }
    }

    [Fact]
    public void Deals_of_one_month_naming_different_companies_only_share_locks_they_both_hold_shared()
    {
        var first = Report("Compañía Minera Uno", "Kōbe Trading", 1200, new DateTimeOffset(2026, 4, 10, 0, 0, 0, TimeSpan.Zero));
        var second = Report("Северная Компания", "Deutsche Hütte", 1200, new DateTimeOffset(2026, 4, 12, 0, 0, 0, TimeSpan.Zero));

        var shared = Locks(first).Where(l => Locks(second).ContainsKey(l.Key)).ToList();

        Assert.NotEmpty(shared);
        Assert.All(shared, l => Assert.False(l.Value || Locks(second)[l.Key], $"{l.Key} is taken exclusively."));
    }

    [Fact]
    public void Locks_come_sorted_so_every_transaction_takes_them_in_the_same_order()
    {
        var report = Report("Severny Nickel", "Nordhütte", 20000, new DateTimeOffset(2026, 5, 30, 0, 0, 0, TimeSpan.Zero));
        var keys = StoryLocks.For(Stories.LookupKeys(report), Stories.KeysOf(report)).Select(l => l.Key).ToList();

        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        Assert.Equal(keys.Distinct(StringComparer.Ordinal), keys);
    }

    private static Dictionary<string, bool> Locks(StoredEvent report) =>
        StoryLocks.For(Stories.LookupKeys(report), Stories.KeysOf(report)).ToDictionary(l => l.Key, l => l.Exclusive, StringComparer.Ordinal);

    // Every mix of companies named (none, one role, both, a party name holding the key separator), tonnage (none,
    // close, far) and dates (same month, next month, two months on).
    private static IEnumerable<StoredEvent> Variants()
    {
        string?[] sellers = [null, "Severny Nickel", "Nickel|Nord"];
        string?[] buyers = [null, "Nordhütte"];
        double?[] tonnes = [null, 20000, 20500, 5000];
        DateTimeOffset[] days = [new(2026, 5, 4, 0, 0, 0, TimeSpan.Zero), new(2026, 5, 28, 0, 0, 0, TimeSpan.Zero), new(2026, 6, 20, 0, 0, 0, TimeSpan.Zero), new(2026, 7, 30, 0, 0, 0, TimeSpan.Zero)];
        return from seller in sellers from buyer in buyers from t in tonnes from day in days select Report(seller, buyer, t, day);
    }

    private static StoredEvent Report(string? seller, string? buyer, double? tonnes, DateTimeOffset published)
    {
        var article = Samples.Article($"https://locks.example/{seller}/{buyer}/{tonnes}/{published:yyyyMMdd}", "Nickel supply.", "en", published: published);
        return Samples.Stored(article, Samples.Event(EventType.SupplyAgreement, "nickel", article.Text, buyer: buyer, seller: seller, tonnes: tonnes));
    }

    private static string Describe(StoredEvent e) =>
        $"[{e.Event.Seller ?? "-"} → {e.Event.Buyer ?? "-"}, {e.Event.Tonnes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} t, {e.ArticlePublished:yyyy-MM-dd}]";
}
