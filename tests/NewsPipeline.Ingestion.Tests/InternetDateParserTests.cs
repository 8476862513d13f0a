using NewsPipeline.Core.Text;
using Xunit;

namespace NewsPipeline.Ingestion.Tests;

public sealed class InternetDateParserTests
{
    [Theory]
    [InlineData("Tue, 10 Jun 2025 04:00:00 GMT", "2025-06-10T04:00:00Z")]
    [InlineData("Tue, 10 Jun 2025 04:00:00 +0300", "2025-06-10T01:00:00Z")]
    [InlineData("10 Jun 2025 04:00 -0500", "2025-06-10T09:00:00Z")]
    [InlineData("Tue, 10 Jun 25 04:00:00 EDT", "2025-06-10T08:00:00Z")]
    [InlineData("Tue, 10 Jun 2025 13:00:00 JST", "2025-06-10T04:00:00Z")]
    [InlineData("Tue, 10 Jun 2025 14:00:00 CEST", "2025-06-10T12:00:00Z")]
    [InlineData("Tue, 10 Jun 2025 14:00:00 MSK", "2025-06-10T11:00:00Z")]
    [InlineData("Tuesday, 10 June 2025 14:00:00 ALMT", "2025-06-10T09:00:00Z")]
    [InlineData("2025-06-10T04:00:00Z", "2025-06-10T04:00:00Z")]
    [InlineData("2025-06-10T04:00:00.123+02:00", "2025-06-10T02:00:00.123Z")]
    [InlineData("2025-06-10 04:00:00", "2025-06-10T04:00:00Z")]
    [InlineData("20250610T040000Z", "2025-06-10T04:00:00Z")]
    [InlineData("2025-06-10", "2025-06-10T00:00:00Z")]
    [InlineData("2025-06", "2025-06-01T00:00:00Z")]
    [InlineData("02.06.2025", "2025-06-02T00:00:00Z")]
    [InlineData("2.6.2025 17:45", "2025-06-02T17:45:00Z")]
    [InlineData("1749528000", "2025-06-10T04:00:00Z")]
    [InlineData("2025-06-10T24:00:00Z", "2025-06-11T00:00:00Z")]
    [InlineData("2019-11-19T11:51:32.556Z", "2019-11-19T11:51:32.556Z")]
    [InlineData("2025-06-10T04:00:00.123456789+00:00", "2025-06-10T04:00:00.1234567Z")]
    [InlineData("10/06/2025 05:22 pm", "2025-06-10T17:22:00Z")]
    [InlineData("10.06.2025 12:05 a.m.", "2025-06-10T00:05:00Z")]
    [InlineData("Tue, 10 Jun 2025 04:00 PM GMT", "2025-06-10T16:00:00Z")]
    public void Reads_the_forms_feeds_use(string text, string expectedUtc)
    {
        var expected = DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, InternetDateParser.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("31.02.2025")]
    [InlineData("Tue, 10 Foo 2025 04:00:00 GMT")]
    [InlineData("2025-13-01")]
    [InlineData("12345")]
    [InlineData("10/06/2025 17:22 pm")]
    [InlineData("২০২৫-০৬-১০T০৪:০০:০০+০৬:০০")]
    [InlineData("٢٠٢٥-٠٦-١٠")]
    public void Rejects_what_is_not_a_date(string text)
    {
        Assert.Null(InternetDateParser.Parse(text));
    }

    [Fact]
    public void Feeds_get_utc_instants_and_pages_may_keep_the_written_offset()
    {
        var utc = InternetDateParser.Parse("Tue, 10 Jun 2025 14:00:00 MSK");
        var kept = InternetDateParser.Parse("Tue, 10 Jun 2025 14:00:00 MSK", WrittenOffset.Keep);

        Assert.Equal(TimeSpan.Zero, utc?.Offset);
        Assert.Equal(TimeSpan.FromHours(3), kept?.Offset);
        Assert.Equal(utc, kept);
    }

    [Fact]
    public void Result_does_not_depend_on_the_current_culture()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("en-US");
            var us = InternetDateParser.Parse("02.06.2025");
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("ja-JP");
            var ja = InternetDateParser.Parse("02.06.2025");

            Assert.Equal(new DateTimeOffset(2025, 6, 2, 0, 0, 0, TimeSpan.Zero), us);
            Assert.Equal(us, ja);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }
}
