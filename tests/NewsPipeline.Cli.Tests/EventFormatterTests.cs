using System.Text.Json;
using NewsPipeline.Cli.Output;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Json;
using NewsPipeline.Core.Storage;
using Xunit;

namespace NewsPipeline.Cli.Tests;

public sealed class EventFormatterTests
{
    private static StoredEvent Event(string buyer, string evidence) => new(
        "e1", "a1",
        new SupplyEvent(EventType.SupplyAgreement, "gallium", buyer, "Aluminium of Kazakhstan", 15, RatePeriod.Year, "2026", "KZ", "JP", EventStatus.Fact, "summary", evidence),
        "fr", "demo: feed", "http://127.0.0.1/a.html", "Titre", new DateTimeOffset(2026, 1, 26, 0, 0, 0, TimeSpan.Zero), DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Csv_quotes_separators_and_defuses_formulas()
    {
        var writer = new StringWriter();
        await EventFormatter.WriteAsync(writer, [Event("=HYPERLINK(\"x\")", "Il a dit : « 15 t, par an »\nsuite")], EventFormat.Csv);
        var lines = writer.ToString().Split('\n');

        Assert.StartsWith("id,type,metal,buyer,seller,tonnes", lines[0], StringComparison.Ordinal);
        Assert.Contains("'=HYPERLINK(\"\"x\"\")", writer.ToString(), StringComparison.Ordinal);
        Assert.Contains("\"Il a dit : « 15 t, par an »\nsuite\"", writer.ToString(), StringComparison.Ordinal);
        Assert.Contains(",15,year,2026,KZ,JP,fact,fr,", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_aligns_columns_for_wide_cjk_names()
    {
        var writer = new StringWriter();
        await EventFormatter.WriteAsync(writer, [Event("三菱商事", "e"), Event("Mitsubishi", "e")], EventFormat.Table);
        var rows = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        // "三菱商事" is four characters but eight terminal columns: the seller column must start at the same column.
        var cjkRow = rows.Single(r => r.Contains("三菱商事", StringComparison.Ordinal));
        var latinRow = rows.Single(r => r.Contains("Mitsubishi", StringComparison.Ordinal));
        Assert.Equal(latinRow.IndexOf("Aluminium", StringComparison.Ordinal), cjkRow.IndexOf("Aluminium", StringComparison.Ordinal) + 4);
        Assert.Contains("KZ → JP", cjkRow, StringComparison.Ordinal);
        Assert.EndsWith("(2 events)", rows[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deal_reported_twice_shows_two_sources_and_both_languages()
    {
        var first = Event("Mitsubishi Corporation RtM Japan", "Le Kazakhstan livrera du gallium au Japon.");
        var japanese = new EventSource(
            "a2", "http://127.0.0.1/b.html", "demo: asia", "ja", "ガリウム供給", first.ArticlePublished, first.StoredAt,
            first.Event with { Evidence = "カザフスタンのアルミニウム会社が三菱商事RtMジャパンにガリウムを供給する。" });
        var deal = first with { Sources = [SingleSource(first), japanese] };

        var table = new StringWriter();
        await EventFormatter.WriteAsync(table, [deal], EventFormat.Table);
        var csv = new StringWriter();
        await EventFormatter.WriteAsync(csv, [deal], EventFormat.Csv);

        var row = table.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Single(r => r.Contains("gallium", StringComparison.Ordinal));
        Assert.Contains("fr,ja", row, StringComparison.Ordinal);
        Assert.EndsWith(" 2", row.TrimEnd(), StringComparison.Ordinal);
        var lines = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",sources", lines[0].TrimEnd(), StringComparison.Ordinal);
        Assert.EndsWith(",2", lines[1].TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sources_and_history_survive_the_json_that_query_reads_from_a_running_service()
    {
        var first = Event("Mitsubishi Corporation RtM Japan", "Le Kazakhstan négocie la livraison de gallium au Japon.");
        var change = new StatusChange(EventStatus.Talks, EventStatus.Fact, "a2", first.ArticlePublished, first.StoredAt);
        var deal = first with { Sources = [SingleSource(first), SingleSource(first) with { ArticleId = "a2", Language = "ru" }], History = [change] };

        var read = JsonSerializer.Deserialize<StoredEvent>(JsonSerializer.Serialize(deal, RecordJson.Options), RecordJson.Options)!;

        Assert.Equal(deal.Sources, read.Sources!);
        Assert.Equal([change], read.History!);
        Assert.Equal(2, read.SourceCount);
    }

    private static EventSource SingleSource(StoredEvent stored) => new(
        stored.ArticleId, stored.ArticleUrl, stored.FeedName, stored.Language, stored.ArticleTitle, stored.ArticlePublished, stored.StoredAt, stored.Event);
}
