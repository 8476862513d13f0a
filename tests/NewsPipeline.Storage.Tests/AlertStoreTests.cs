using NewsPipeline.Core.Alerts;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Storage;
using Xunit;

namespace NewsPipeline.Storage.Tests;

/// <summary>
/// Subscriptions and the outbox through <see cref="IAlertStore"/>, on each backend: rows written by the ingest
/// transaction, later reports attached to the alert already raised, leases, attempts and disabled channels.
/// Sentences written for these tests.
/// </summary>
public sealed class AlertStoreTests
{
    private static readonly DateTimeOffset May = new(2026, 5, 4, 8, 0, 0, TimeSpan.Zero);

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task Subscriptions_are_replaced_by_name_listed_in_ordinal_order_and_removed(Backend backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var alerts = test.Alerts;
        var japanese = Subscription("ガリウム監視", "gallium");
        var latin = Subscription("Gallium watch", "gallium");
        var cyrillic = Subscription("Галлий", "gallium") with { DigestPeriod = TimeSpan.FromHours(6), Mode = AlertMode.Digest };

        await alerts.SaveSubscriptionAsync(japanese, CancellationToken.None);
        await alerts.SaveSubscriptionAsync(cyrillic, CancellationToken.None);
        await alerts.SaveSubscriptionAsync(latin, CancellationToken.None);
        var widened = latin with { Rule = latin.Rule with { Metals = ["gallium", "germanium"], MinTonnes = 2.5 } };
        await alerts.SaveSubscriptionAsync(widened, CancellationToken.None);

        Assert.Equal(["Gallium watch", "Галлий", "ガリウム監視"], (await alerts.ListSubscriptionsAsync(CancellationToken.None)).Select(s => s.Name));
        var read = await alerts.GetSubscriptionAsync("Gallium watch", CancellationToken.None);
        Assert.Equal(["gallium", "germanium"], read!.Rule.Metals);
        Assert.Equal((2.5, widened.CreatedAt), (read.Rule.MinTonnes, read.CreatedAt));
        Assert.Equal(TimeSpan.FromHours(6), (await alerts.GetSubscriptionAsync("Галлий", CancellationToken.None))!.DigestPeriod);
        Assert.True(await alerts.RemoveSubscriptionAsync("ガリウム監視", CancellationToken.None));
        Assert.False(await alerts.RemoveSubscriptionAsync("ガリウム監視", CancellationToken.None));
        Assert.Null(await alerts.GetSubscriptionAsync("ガリウム監視", CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task A_matching_deal_is_alerted_once_on_each_channel_and_later_reports_join_that_alert(Backend backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var nickel = Subscription("nickel", "nickel", channels: 2);
        await test.Alerts.SaveSubscriptionAsync(nickel, CancellationToken.None);
        await test.Alerts.SaveSubscriptionAsync(Subscription("cobalt", "cobalt"), CancellationToken.None);

        var first = await Report(test.Store, "ru", "https://ru.example/nikel-alert", May,
            "ПАО «Северный никель» будет поставлять компании Nordhütte 20 тыс. тонн никеля в год с 2027 года.");
        var second = await Report(test.Store, "zh", "https://zh.example/nie-alert", May.AddDays(1), "北方镍业将自2027年起每年向Nordhütte供应2万吨镍。");

        Assert.Equal(first.EventId, second.EventId);
        var deliveries = await test.Alerts.ListDeliveriesAsync("nickel", 10, CancellationToken.None);
        Assert.Equal([0, 1], deliveries.Select(d => d.Channel).Order());
        Assert.All(deliveries, d =>
        {
            Assert.Equal((AlertReason.New, DeliveryState.Pending, first.EventId), (d.Reason, d.State, d.Event.Id));
            Assert.Equal(AlertPlanner.AlertId("nickel", first.EventId, AlertReason.New, null), d.AlertId);
            Assert.Equal("https://zh.example/nie-alert", Assert.Single(d.LaterSources).Url);
        });
        Assert.Empty(await test.Alerts.ListDeliveriesAsync("cobalt", 10, CancellationToken.None));

        // The deal is cancelled: a new alert, for the status change.
        await Report(test.Store, "de", "https://de.example/nickel-ende-alert", May.AddDays(9),
            "Nordhütte hat den Liefervertrag über 20.000 Tonnen Nickel pro Jahr mit Severny Nickel gekündigt.", EventStatus.Ended);
        var changed = (await test.Alerts.ListDeliveriesAsync("nickel", 10, CancellationToken.None)).Where(d => d.Reason == AlertReason.StatusChanged).ToList();
        Assert.Equal(2, changed.Count);
        Assert.All(changed, d => Assert.Equal((EventStatus?)EventStatus.Fact, d.FromStatus));
        Assert.All(changed, d => Assert.Equal((EventStatus?)EventStatus.Ended, d.ToStatus));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task A_claimed_delivery_is_leased_then_its_attempts_are_recorded_and_a_disabled_channel_fails_the_rest(Backend backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        await test.Alerts.SaveSubscriptionAsync(Subscription("tungsten", "tungsten", channels: 2), CancellationToken.None);
        await test.Store.AddArticleAsync(
            Samples.Article("https://kk.example/volfram-alert", "Шығыс Вольфрам компаниясы Қытайға 1200 тонна вольфрам жеткізеді.", "kk"),
            [Samples.Stored(Samples.Article("https://kk.example/volfram-alert", "Шығыс Вольфрам компаниясы Қытайға 1200 тонна вольфрам жеткізеді.", "kk"),
                Samples.Event(EventType.SupplyAgreement, "tungsten", "Шығыс Вольфрам компаниясы Қытайға 1200 тонна вольфрам жеткізеді.", seller: "Шығыс Вольфрам", tonnes: 1200))],
            CancellationToken.None);
        var now = TimeProvider.System.GetUtcNow().AddMinutes(1);
        var lease = now.AddMinutes(5);

        var claimed = await test.Alerts.ClaimDueDeliveriesAsync(now, lease, 10, CancellationToken.None);
        Assert.Equal(2, claimed.Count);
        Assert.Empty(await test.Alerts.ClaimDueDeliveriesAsync(now, lease, 10, CancellationToken.None));

        var webhook = claimed.Single(d => d.Channel == 0);
        await test.Alerts.RecordAttemptAsync(webhook.Id, new DeliveryAttempt(now, true, "HTTP 204"), DeliveryState.Delivered, now, CancellationToken.None);
        await test.Alerts.DisableChannelAsync("tungsten", 1, "HTTP 410 Gone", now, CancellationToken.None);

        // After the lease, nothing is due any more: one delivered, one failed with the reason.
        Assert.Empty(await test.Alerts.ClaimDueDeliveriesAsync(lease.AddMinutes(1), lease.AddMinutes(6), 10, CancellationToken.None));
        var rows = (await test.Alerts.ListDeliveriesAsync("tungsten", 10, CancellationToken.None)).OrderBy(d => d.Channel).ToList();
        Assert.Equal([DeliveryState.Delivered, DeliveryState.Failed], rows.Select(d => d.State));
        Assert.Equal(new DeliveryAttempt(now, true, "HTTP 204"), Assert.Single(rows[0].Attempts));
        Assert.Equal("channel disabled: HTTP 410 Gone", Assert.Single(rows[1].Attempts).Outcome);
        Assert.Equal("HTTP 410 Gone", (await test.Alerts.GetSubscriptionAsync("tungsten", CancellationToken.None))!.Channels[1].DisabledReason);

        Assert.True(await test.Alerts.RemoveSubscriptionAsync("tungsten", CancellationToken.None));
        Assert.Empty(await test.Alerts.ListDeliveriesAsync("tungsten", 10, CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task A_delivery_not_recorded_before_its_lease_ends_is_claimed_again(Backend backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        await test.Alerts.SaveSubscriptionAsync(Subscription("lithium", "lithium"), CancellationToken.None);
        await Report(test.Store, "es", "https://es.example/litio-alert", May,
            "Litio Andino suministrará 20.000 toneladas de litio al año a Nordhütte desde 2027.", metal: "lithium");
        var now = TimeProvider.System.GetUtcNow().AddMinutes(1);

        var first = Assert.Single(await test.Alerts.ClaimDueDeliveriesAsync(now, now.AddMinutes(5), 10, CancellationToken.None));
        var again = Assert.Single(await test.Alerts.ClaimDueDeliveriesAsync(now.AddMinutes(6), now.AddMinutes(11), 10, CancellationToken.None));

        Assert.Equal(first.Id, again.Id);
    }

    internal static AlertSubscription Subscription(string name, string metal, int channels = 1) => new()
    {
        Name = name,
        Rule = new AlertRule { Metals = [metal] },
        Channels = Enumerable.Range(0, channels).Select(i => new AlertChannel { Kind = i == 0 ? AlertChannelKind.Webhook : AlertChannelKind.Console, Url = i == 0 ? "https://hooks.example/" + i : null }).ToList(),
        CreatedAt = new DateTimeOffset(2026, 5, 1, 7, 30, 15, TimeSpan.FromHours(3)).AddTicks(4321),
    };

    private static async Task<EventIngest> Report(IPipelineStore store, string language, string url, DateTimeOffset published, string text, EventStatus status = EventStatus.Fact, string metal = "nickel")
    {
        var article = Samples.Article(url, text, language, title: text[..10], published: published);
        var deal = Samples.Event(EventType.SupplyAgreement, metal, text, buyer: "Nordhütte", seller: "Severny Nickel", tonnes: 20000, per: RatePeriod.Year, start: "2027", origin: "RU", destination: "DE", status: status);
        var result = await store.IngestArticleAsync(article, [Samples.Stored(article, deal)], CancellationToken.None);
        Assert.Equal(IngestOutcome.Added, result.Outcome);
        return Assert.Single(result.Events);
    }
}
