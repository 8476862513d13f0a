using NewsPipeline.Core.Alerts;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Storage;
using Xunit;

namespace NewsPipeline.Alerts.Tests;

/// <summary>Subscriptions are checked with every error at once, names are made canonical, and rules match stored deals.</summary>
public sealed class SubscriptionTests
{
    private static readonly AlertChannel Console = new() { Kind = AlertChannelKind.Console };

    [Fact]
    public void Every_problem_of_a_subscription_is_reported_at_once()
    {
        var check = AlertHarness.Validator.Check(new AlertSubscription
        {
            Name = "bad name/with slash",
            Rule = new AlertRule { Metals = ["mithril"], Countries = ["Kazakhstan"], Languages = ["xx"], MinTonnes = -5 },
            Channels =
            [
                new AlertChannel { Kind = AlertChannelKind.Webhook, Url = "not a url", Secret = "short" },
                new AlertChannel { Kind = AlertChannelKind.Email, To = ["someone"], Smtp = new SmtpSettings { Host = "", Port = 0, From = "x" } },
            ],
            Mode = AlertMode.Digest,
        });

        Assert.Null(check.Subscription);
        string[] expected = ["name", "mithril", "Kazakhstan", "xx", "-5", "not a url", "secret", "someone", "SMTP host", "port 0", "sender 'x'", "digest mode"];
        Assert.All(expected, fragment => Assert.Contains(check.Errors, e => e.Contains(fragment, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("Mitsubishi")]
    [InlineData("三菱商事")]
    [InlineData("Мицубиси")]
    [InlineData("mitsubishi corp.")]
    public void A_company_alias_in_any_script_becomes_the_canonical_name_events_carry(string alias)
    {
        var check = AlertHarness.Validator.Check(new AlertSubscription { Name = "m", Rule = new AlertRule { Companies = [alias] }, Channels = [Console] });

        Assert.Equal(["Mitsubishi Corporation"], check.Subscription!.Rule.Companies);
    }

    [Fact]
    public void Metals_reported_under_a_group_become_the_group_and_codes_are_case_folded()
    {
        var check = AlertHarness.Validator.Check(new AlertSubscription
        {
            Name = "ree",
            Rule = new AlertRule { Metals = ["Dysprosium", "neodymium", "germanium"], Countries = ["kz"], Languages = ["JA"] },
            Channels = [Console],
        });

        Assert.Equal(["rare earths", "germanium"], check.Subscription!.Rule.Metals);
        Assert.Equal(["KZ"], check.Subscription.Rule.Countries);
        Assert.Equal(["ja"], check.Subscription.Rule.Languages);
    }

    [Theory]
    [InlineData(CountryRole.Origin, "KZ", true)]
    [InlineData(CountryRole.Origin, "JP", false)]
    [InlineData(CountryRole.Destination, "JP", true)]
    [InlineData(CountryRole.Either, "JP", true)]
    [InlineData(CountryRole.Either, "CN", false)]
    public void Countries_match_the_field_the_rule_names(CountryRole role, string country, bool matches) =>
        Assert.Equal(matches, AlertRuleMatcher.Matches(new AlertRule { Countries = [country], CountryRole = role }, Gallium()));

    [Fact]
    public void Every_filled_field_must_match_and_lists_match_on_any_entry()
    {
        var deal = Gallium();

        Assert.True(AlertRuleMatcher.Matches(new AlertRule(), deal));
        Assert.True(AlertRuleMatcher.Matches(new AlertRule { Metals = ["germanium", "gallium"], Types = [EventType.SupplyAgreement], MinTonnes = 15 }, deal));
        Assert.False(AlertRuleMatcher.Matches(new AlertRule { Metals = ["gallium"], MinTonnes = 15.5 }, deal));
        Assert.False(AlertRuleMatcher.Matches(new AlertRule { Statuses = [EventStatus.Talks] }, deal));
        Assert.True(AlertRuleMatcher.Matches(new AlertRule { Companies = ["mitsubishi corporation"] }, deal));
        Assert.False(AlertRuleMatcher.Matches(new AlertRule { Companies = ["Mitsui & Co."] }, deal));

        // Keywords are searched case-insensitively in every report's evidence and title, in any script.
        Assert.True(AlertRuleMatcher.Matches(new AlertRule { Keywords = ["ГАЛЛИЙ"] }, deal));
        Assert.True(AlertRuleMatcher.Matches(new AlertRule { Keywords = ["ガリウム"] }, deal));
        Assert.False(AlertRuleMatcher.Matches(new AlertRule { Keywords = ["germanium"] }, deal));

        // Languages: any report's language.
        Assert.True(AlertRuleMatcher.Matches(new AlertRule { Languages = ["ru"] }, deal));
        Assert.False(AlertRuleMatcher.Matches(new AlertRule { Languages = ["de"] }, deal));
    }

    [Fact]
    public void A_deal_that_starts_to_match_when_a_later_report_fills_its_tonnage_is_alerted_once_then()
    {
        var subscription = new AlertSubscription { Name = "big", Rule = new AlertRule { MinTonnes = 10 }, Channels = [Console, Console] };
        var written = new HashSet<string>(StringComparer.Ordinal);
        var deal = Gallium();
        var now = AlertHarness.Start;

        var untonned = deal with { Event = deal.Event with { Tonnes = null } };
        Assert.Empty(AlertPlanner.Plan([subscription], untonned, new EventIngest(deal.Id, deal.Id, StoryOutcome.NewEvent, 1), written.Contains, now));

        var filled = AlertPlanner.Plan([subscription], deal, new EventIngest("other", deal.Id, StoryOutcome.NewSource, 2), written.Contains, now);
        Assert.Equal(2, filled.Count); // one alert, two channels
        Assert.All(filled, d => Assert.Equal(AlertReason.New, d.Reason));
        written.UnionWith(filled.Select(d => d.Id));

        Assert.Empty(AlertPlanner.Plan([subscription], deal, new EventIngest("third", deal.Id, StoryOutcome.NewSource, 3), written.Contains, now));
        var change = new StatusChange(EventStatus.Fact, EventStatus.Ended, "fourth", null, now);
        var ended = AlertPlanner.Plan([subscription], deal with { Event = deal.Event with { Status = EventStatus.Ended } },
            new EventIngest("fourth", deal.Id, StoryOutcome.StatusChanged, 4, change), written.Contains, now);
        Assert.All(ended, d => Assert.Equal((AlertReason.StatusChanged, EventStatus.Fact, EventStatus.Ended), (d.Reason, d.FromStatus!.Value, d.ToStatus!.Value)));
        Assert.Equal(2, ended.Count);
    }

    [Fact]
    public void Digest_periods_end_on_whole_multiples_of_the_period_since_the_epoch()
    {
        Assert.Equal(new DateTimeOffset(2026, 3, 20, 10, 0, 0, TimeSpan.Zero), AlertPlanner.DigestDue(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1)));
        Assert.Equal(new DateTimeOffset(2026, 3, 21, 0, 0, 0, TimeSpan.Zero), AlertPlanner.DigestDue(new DateTimeOffset(2026, 3, 20, 23, 59, 0, TimeSpan.FromHours(3)), TimeSpan.FromDays(1)));
    }

    private static StoredEvent Gallium()
    {
        var at = AlertHarness.Start;
        var deal = new SupplyEvent(EventType.SupplyAgreement, "gallium", "Mitsubishi Corporation", "Kazatomprom", 15, RatePeriod.Year, "2026", "KZ", "JP", EventStatus.Fact,
            "Mitsubishi Corporation buys gallium from Kazatomprom", "三菱商事はカザトムプロムからガリウムを年15トン購入する。");
        var russian = deal with { Evidence = "Казатомпром поставит галлий компании Мицубиси." };
        return new StoredEvent("e1", "a1", deal, "ja", "jp-feed", "https://jp.example/1", "ガリウム供給契約", at, at,
        [
            new EventSource("a1", "https://jp.example/1", "jp-feed", "ja", "ガリウム供給契約", at, at, deal),
            new EventSource("a2", "https://ru.example/2", "ru-feed", "ru", "Галлий для Японии", at, at, russian),
        ]);
    }
}
