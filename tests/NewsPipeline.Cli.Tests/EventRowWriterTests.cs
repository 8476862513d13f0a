using NewsPipeline.Cli.Output;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Search;
using Xunit;

namespace NewsPipeline.Cli.Tests;

public sealed class EventRowWriterTests
{
    [Fact]
    public async Task The_query_table_shows_how_many_articles_reported_each_deal()
    {
        var deal = new EventRow(
            "e1", EventType.SupplyAgreement, "cobalt", "Toyota Tsusho", "Kamoto Copper", 2500, RatePeriod.Year, "2026", "CD", "JP",
            EventStatus.Fact, "s", "Toyota Tsusho achètera 2 500 t de cobalt par an.", "a1", "https://a.example/1", "t", "fr", "outlet-a",
            new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero), SourceCount: 6);
        using var stream = new MemoryStream();
        using var writer = new StringWriter();
        await EventRowWriter.WriteAsync(stream, writer, new EventPage([new EventHit(deal, null)], 1, null), EventFormat.Table, CancellationToken.None);

        var lines = writer.ToString().Split('\n');
        Assert.EndsWith("sources", lines[0].TrimEnd(), StringComparison.Ordinal);
        Assert.EndsWith(" 6", lines[2].TrimEnd(), StringComparison.Ordinal);
    }
}
