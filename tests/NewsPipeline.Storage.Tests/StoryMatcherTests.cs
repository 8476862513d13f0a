using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Stories;
using Xunit;

namespace NewsPipeline.Storage.Tests;

/// <summary>The backend-neutral rules deciding whether a new report is a deal already stored. Sentences written for these tests.</summary>
public sealed class StoryMatcherTests
{
    private static readonly DateTimeOffset Monday = new(2026, 5, 4, 8, 0, 0, TimeSpan.Zero);

    private static readonly SupplyEvent Nickel = new(
        EventType.SupplyAgreement, "nickel", "Nordhütte", "Norilsk Nickel", 20000, RatePeriod.Year, "2027", "RU", "DE", EventStatus.Fact, "",
        "Норильский никель поставит немецкой компании Nordhütte 20 тыс. тонн никеля в год начиная с 2027 года.");

    private readonly StoryMatcher matcher = new(new StoryMatchOptions());

    [Fact]
    public void A_translation_with_no_shared_text_is_the_same_deal_by_its_fields()
    {
        var german = Nickel with { Evidence = "Nordhütte kauft ab 2027 jährlich 20.000 Tonnen Nickel von Norilsk Nickel." };

        var match = matcher.Compare(Report("b", german, Monday.AddDays(2)), Report("a", Nickel, Monday));

        Assert.NotNull(match);
        Assert.False(match.NearDuplicateText);
    }

    [Theory]
    [InlineData("another buyer")]
    [InlineData("another seller")]
    [InlineData("another tonnage")]
    [InlineData("another start year")]
    [InlineData("another destination")]
    [InlineData("another metal")]
    [InlineData("another type")]
    public void A_conflicting_field_makes_another_deal(string difference)
    {
        var other = difference switch
        {
            "another buyer" => Nickel with { Buyer = "Sanko Materials" },
            "another seller" => Nickel with { Seller = "Eramet" },
            "another tonnage" => Nickel with { Tonnes = 12000 },
            "another start year" => Nickel with { Start = "2029" },
            "another destination" => Nickel with { Destination = "FI" },
            "another metal" => Nickel with { Metal = "cobalt" },
            _ => Nickel with { Type = EventType.Investment },
        };

        Assert.Null(matcher.Compare(Report("b", other, Monday), Report("a", Nickel, Monday)));
    }

    [Fact]
    public void Rounding_within_the_tolerance_and_a_more_precise_start_still_agree()
    {
        var rounded = Nickel with { Tonnes = 19500, Start = "2027-01" };
        var loose = new StoryMatcher(new StoryMatchOptions { TonnesTolerance = 0.01 });

        Assert.NotNull(matcher.Compare(Report("b", rounded, Monday), Report("a", Nickel, Monday)));
        Assert.Null(loose.Compare(Report("b", rounded, Monday), Report("a", Nickel, Monday)));
    }

    [Fact]
    public void A_report_that_leaves_a_party_or_the_tonnage_unknown_matches_when_the_rest_agrees()
    {
        var sellerOnly = Nickel with { Buyer = null, Tonnes = null, Per = null, Evidence = "Norilsk Nickel va livrer du nickel en Allemagne dès 2027." };
        var nothingButPlace = Nickel with { Buyer = null, Seller = null, Tonnes = null, Start = null, Evidence = "Le nickel russe part vers l'Allemagne." };

        Assert.NotNull(matcher.Compare(Report("b", sellerOnly, Monday), Report("a", Nickel, Monday)));
        Assert.Null(matcher.Compare(Report("c", nothingButPlace, Monday), Report("a", Nickel, Monday)));
    }

    [Fact]
    public void Reports_further_apart_than_the_window_are_different_deals()
    {
        var story = Report("a", Nickel, Monday) with { LastReported = Monday.AddDays(10) };
        var narrow = new StoryMatcher(new StoryMatchOptions { Window = TimeSpan.FromDays(7) });

        Assert.NotNull(matcher.Compare(Report("b", Nickel, Monday.AddDays(54)), story));
        Assert.Null(matcher.Compare(Report("b", Nickel, Monday.AddDays(56)), story));
        Assert.NotNull(matcher.Compare(Report("b", Nickel, Monday.AddDays(-44)), story));
        Assert.Null(narrow.Compare(Report("b", Nickel, Monday.AddDays(18)), story));
    }

    [Fact]
    public void An_article_is_never_a_second_source_of_a_deal_it_already_reports()
    {
        var story = Report("a", Nickel, Monday);

        Assert.Null(matcher.Compare(StorySignature.OfReport("a-1", "article-a", Nickel, Monday), story));
    }

    [Fact]
    public void Near_duplicate_text_alone_joins_syndicated_copies_that_name_no_company_or_tonnage()
    {
        var original = new SupplyEvent(
            EventType.ExportRestriction, "antimony", null, null, null, null, null, "CN", null, EventStatus.Fact, "",
            "商务部宣布，对锑及其相关物项实施出口管制，未经许可不得出口，相关规定自下月起施行。");
        var edited = original with { Evidence = "商务部周二宣布，对锑及其相关物项实施出口管制，未经许可不得出口，相关规定自下月起施行。" };
        var unrelated = original with { Evidence = "海关数据显示，今年前十个月锑的出口量较去年同期下降，主要流向欧洲和日本。" };

        var match = matcher.Compare(Report("b", edited, Monday), Report("a", original, Monday));
        Assert.NotNull(match);
        Assert.True(match.NearDuplicateText);
        Assert.Null(matcher.Compare(Report("c", unrelated, Monday), Report("a", original, Monday)));
    }

    [Fact]
    public void The_best_match_is_the_one_that_agrees_on_most()
    {
        var vague = Report("vague", Nickel with { Buyer = null, Tonnes = null, Per = null, Evidence = "x" }, Monday);
        var full = Report("full", Nickel with { Evidence = "y" }, Monday);

        Assert.Equal("full", matcher.FindBest(Report("new", Nickel with { Evidence = "z" }, Monday), [vague, full])?.Story.Id);
    }

    [Theory]
    [InlineData("Сделка по поставкам никеля обсуждается.", "Сделка по поставкам никеля обсуждается, сообщили источники.", true)]
    [InlineData("Die Lieferung von Nickel beginnt im Januar.", "Die Lieferung von Nickel beginnt im Januar!", true)]
    [InlineData("Die Lieferung von Nickel beginnt im Januar.", "A mina de níquel em Goiás aumentou a produção em março.", false)]
    [InlineData("Қазақстан мыс экспортын арттырды.", "El gobierno chileno aprobó el nuevo proyecto de litio en el salar.", false)]
    public void SimHash_puts_near_copies_in_any_script_within_the_distance_and_other_texts_beyond_it(string a, string b, bool near)
    {
        var distance = SimHash.Distance(SimHash.Of(a), SimHash.Of(b));

        Assert.Equal(near, distance <= new StoryMatchOptions().NearDuplicateDistance);
        Assert.Equal(SimHash.Of("ＧＥＲＭＡＮＩＵＭ　exports"), SimHash.Of("germanium exports"));
        Assert.Equal(0UL, SimHash.Of(" … "));
    }

    [Theory]
    [InlineData(EventStatus.Talks, EventStatus.Fact, true)]
    [InlineData(EventStatus.Rumoured, EventStatus.Planned, true)]
    [InlineData(EventStatus.Fact, EventStatus.Denied, true)]
    [InlineData(EventStatus.Fact, EventStatus.Ended, true)]
    [InlineData(EventStatus.Denied, EventStatus.Ended, true)]
    [InlineData(EventStatus.Fact, EventStatus.Talks, false)]
    [InlineData(EventStatus.Planned, EventStatus.Rumoured, false)]
    [InlineData(EventStatus.Ended, EventStatus.Fact, false)]
    [InlineData(EventStatus.Fact, EventStatus.Fact, false)]
    public void Only_status_changes_that_are_news_move_a_deal(EventStatus current, EventStatus reported, bool matters) =>
        Assert.Equal(matters, StatusTransition.Matters(current, reported));

    [Fact]
    public void Merging_fills_what_the_deal_lacked_and_keeps_what_it_knew()
    {
        var first = Nickel with { Tonnes = null, Per = null, Start = "2027", Destination = null, Status = EventStatus.Talks };
        var later = Nickel with { Buyer = "Someone Else", Start = "2027-03", Status = EventStatus.Fact };

        var merged = StoryMerge.Apply(first, later);

        Assert.Equal((20000.0, RatePeriod.Year, "2027-03", "DE", EventStatus.Fact), (merged.Tonnes!.Value, merged.Per!.Value, merged.Start, merged.Destination, merged.Status));
        Assert.Equal("Nordhütte", merged.Buyer);
        Assert.Equal(first.Evidence, merged.Evidence);
    }

    [Fact]
    public void Blocking_finds_stories_of_the_previous_month_that_may_agree_and_not_those_months_away()
    {
        var blocking = new StoryBlocking(new StoryMatchOptions());
        var april = new DateTimeOffset(2026, 4, 28, 0, 0, 0, TimeSpan.Zero);
        var may = new DateTimeOffset(2026, 5, 3, 0, 0, 0, TimeSpan.Zero);
        var story = Report("a", Nickel, april);
        var anonymous = Report("n", Nickel with { Buyer = null, Seller = null }, april);
        bool Finds(StorySignature report, StorySignature stored) => blocking.LookupKeys(report).Intersect(blocking.KeysOf(stored)).Any();

        Assert.True(Finds(Report("b", Nickel with { Buyer = null, Tonnes = null }, may), story));
        Assert.True(Finds(Report("c", Nickel with { Buyer = null, Seller = null, Tonnes = 20500 }, may), story));
        Assert.True(Finds(Report("d", Nickel with { Tonnes = 19050 }, may), anonymous));
        Assert.True(Finds(Report("e", Nickel with { Tonnes = null }, may), anonymous));
        Assert.False(Finds(Report("f", Nickel with { Buyer = null, Seller = null, Tonnes = 5000 }, may), story));
        Assert.False(Finds(Report("g", Nickel, new DateTimeOffset(2026, 9, 3, 0, 0, 0, TimeSpan.Zero)), story));
        Assert.False(Finds(Report("h", Nickel with { Metal = "cobalt" }, april), story));
    }

    [Fact]
    public void Options_report_every_error_at_once()
    {
        var errors = new StoryMatchOptions { Window = TimeSpan.Zero, TonnesTolerance = -0.1, NearDuplicateDistance = 40 }.Validate();

        Assert.Equal(3, errors.Count);
        Assert.Throws<ArgumentException>(() => new StoryMatcher(new StoryMatchOptions { TonnesTolerance = 1.5 }));
    }

    private static StorySignature Report(string id, SupplyEvent e, DateTimeOffset published) =>
        StorySignature.OfReport(id, "article-" + id, e, published);
}
