using NewsPipeline.Ingestion.Configuration;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Ingestion.Tests;

public sealed class FeedsFileTests
{
    [Fact]
    public void Valid_file_gives_feeds_with_default_and_own_intervals()
    {
        const string json = """
            {"defaults": {"interval": "00:45:00"},
             "feeds": [
               {"name": "Kazinform (ru)", "url": "https://kazinform.example/rss/ru", "language": "ru", "interval": "01:00:00"},
               {"name": "Métaux (fr)", "url": "http://metaux.example/feed", "language": "fr"},
               {"name": "鉱業 (ja)", "url": "https://kogyo.example/atom.xml", "language": "ja"}
             ]}
            """;

        var feeds = FeedsFile.Parse(json);

        Assert.Equal(3, feeds.Count);
        Assert.Equal("Kazinform (ru)", feeds[0].Name);
        Assert.Equal(new Uri("https://kazinform.example/rss/ru"), feeds[0].Url);
        Assert.Equal(TimeSpan.FromHours(1), feeds[0].Interval);
        Assert.Equal(TimeSpan.FromMinutes(45), feeds[1].Interval);
        Assert.Equal("ja", feeds[2].Language);
    }

    [Fact]
    public void Without_defaults_the_built_in_interval_applies()
    {
        var feeds = FeedsFile.Parse("""{"feeds": [{"name": "A", "url": "https://a.example/rss", "language": "kk"}]}""");

        Assert.Equal(FeedsFile.BuiltInInterval, Assert.Single(feeds).Interval);
    }

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        const string json = """
            {"defaults": {"intervall": "00:30:00"},
             "feeds": [
               {"name": "Dup", "url": "https://a.example/rss", "language": "en"},
               {"name": "dup", "url": "https://b.example/rss", "language": "en"},
               {"name": "", "url": "ftp://c.example/rss", "language": "EN"},
               {"name": "No url", "language": "german"},
               {"name": "Fast", "url": "https://d.example/rss", "language": "de", "interval": "00:00:10"},
               {"name": "Typo", "url": "https://e.example/rss", "language": "es", "lang": "es", "interval": "half an hour"},
               "not an object"
             ],
             "extra": true}
            """;

        var error = Assert.Throws<FeedsFileException>(() => FeedsFile.Parse(json));

        Assert.Contains(error.Errors, e => e.StartsWith("$.defaults.intervall: unknown property", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("$.extra: unknown property", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("$.feeds[1].name: \"dup\" is already used by $.feeds[0]", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("$.feeds[2].name: must not be empty", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("$.feeds[2].url:", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("$.feeds[2].language:", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("$.feeds[3].url: required", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("$.feeds[3].language:", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("$.feeds[4].interval:", StringComparison.Ordinal) && e.Contains("minimum", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("$.feeds[5].lang: unknown property", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("$.feeds[5].interval:", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("$.feeds[6]: must be an object", StringComparison.Ordinal));
        Assert.Equal(12, error.Errors.Count);
        Assert.Contains("12 error(s)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("[]", "must hold a JSON object")]
    [InlineData("{}", "$.feeds: required")]
    [InlineData("{\"feeds\": []}", "the list is empty")]
    public void Unusable_documents_are_explained(string json, string expected)
    {
        var error = Assert.Throws<FeedsFileException>(() => FeedsFile.Parse(json));

        Assert.Contains(error.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Loads_from_a_file_and_names_the_file_in_errors()
    {
        using var temp = new TempDirectory();
        var path = temp.File("feeds.json");
        await File.WriteAllTextAsync(path, """{"feeds": [{"name": "X", "url": "relative/rss", "language": "pt"}]}""");

        var error = await Assert.ThrowsAsync<FeedsFileException>(() => FeedsFile.LoadAsync(path, CancellationToken.None));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(error.Errors, e => e.StartsWith("$.feeds[0].url:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Missing_file_is_a_feeds_file_error()
    {
        using var temp = new TempDirectory();

        var error = await Assert.ThrowsAsync<FeedsFileException>(() => FeedsFile.LoadAsync(temp.File("absent.json"), CancellationToken.None));

        Assert.Contains(error.Errors, e => e.StartsWith("cannot read the file", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Repository_feeds_json_is_valid_and_multilingual()
    {
        var feeds = await FeedsFile.LoadAsync(Path.Combine(RepositoryPaths.Root, "feeds.json"), CancellationToken.None);

        Assert.True(feeds.Count >= 12, $"feeds.json lists {feeds.Count} feeds; the product promises at least 12");
        Assert.True(feeds.Select(f => f.Language).Distinct(StringComparer.Ordinal).Count() >= 6, "feeds.json must cover at least 6 languages");
    }

    [Fact]
    public void Floor_ceiling_and_cron_come_from_the_feed_else_the_defaults_else_the_interval()
    {
        const string json = """
            {"defaults": {"interval": "01:00:00", "minInterval": "00:20:00"},
             "feeds": [
               {"name": "Редкие металлы", "url": "https://redmet.example.ru/rss", "language": "ru", "maxInterval": "06:00:00", "cron": "0 6,18 * * 1-5"},
               {"name": "有色金属", "url": "https://youse.example.cn/rss", "language": "zh", "interval": "02:00:00", "minInterval": "00:30:00"}
             ]}
            """;

        var feeds = FeedsFile.Parse(json);

        Assert.Equal((TimeSpan.FromMinutes(20), TimeSpan.FromHours(6), "0 6,18 * * 1-5"), (feeds[0].Floor, feeds[0].Ceiling, feeds[0].Cron));
        Assert.Equal((TimeSpan.FromMinutes(30), TimeSpan.FromHours(16), (string?)null), (feeds[1].Floor, feeds[1].Ceiling, feeds[1].Cron));
    }

    [Fact]
    public void Scheduling_errors_are_reported_together_with_the_others()
    {
        const string json = """
            {"feeds": [
               {"name": "Cron typo", "url": "https://a.example/rss", "language": "es", "cron": "0 25 * * *"},
               {"name": "Six fields", "url": "https://b.example/rss", "language": "pt", "cron": "0 0 6 * * *"},
               {"name": "Upside down", "url": "https://c.example/rss", "language": "ja", "interval": "01:00:00", "minInterval": "02:00:00"},
               {"name": "Ceiling low", "url": "https://d.example/rss", "language": "kk", "interval": "01:00:00", "maxInterval": "00:30:00"},
               {"name": "Cron number", "url": "https://e.example/rss", "language": "de", "cron": 5, "maxInterval": "forever"}
             ]}
            """;

        var error = Assert.Throws<FeedsFileException>(() => FeedsFile.Parse(json));

        Assert.Contains(error.Errors, e => e.StartsWith("$.feeds[0].cron: \"0 25 * * *\" is not a 5-field cron expression", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("$.feeds[1].cron:", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("$.feeds[2]: minInterval ≤ interval ≤ maxInterval does not hold", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("$.feeds[3]: minInterval ≤ interval ≤ maxInterval does not hold", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("$.feeds[4].cron: 5 is not", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("$.feeds[4].maxInterval: \"forever\" is not a duration", StringComparison.Ordinal));
        Assert.Equal(6, error.Errors.Count);
    }
}
