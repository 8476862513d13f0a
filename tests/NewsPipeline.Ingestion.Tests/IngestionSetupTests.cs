using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsPipeline.Core;
using NewsPipeline.Ingestion.Parsing;
using Xunit;

namespace NewsPipeline.Ingestion.Tests;

public sealed class IngestionSetupTests
{
    [Fact]
    public void Default_options_are_valid_and_match_the_documented_limits()
    {
        var options = new IngestionOptions();

        Assert.Empty(options.Validate());
        Assert.Equal(TimeSpan.FromSeconds(20), options.RequestTimeout);
        Assert.Equal(15L * 1024 * 1024, options.FeedBodyLimitBytes);
        Assert.Equal(5L * 1024 * 1024, options.PageBodyLimitBytes);
    }

    [Fact]
    public void Invalid_options_report_every_problem()
    {
        var options = new IngestionOptions
        {
            RequestTimeout = TimeSpan.Zero,
            FeedBodyLimitBytes = -1,
            PageBodyLimitBytes = 0,
            MaxRedirects = -2,
            UserAgent = "curl",
            PooledConnectionLifetime = TimeSpan.Zero,
        };

        var errors = options.Validate();

        Assert.Equal(6, errors.Count);
        var thrown = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddNewsPipelineIngestion(options));
        Assert.Contains(nameof(IngestionOptions.UserAgent), thrown.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(IngestionOptions.MaxRedirects), thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registration_provides_the_stage_interfaces_and_keeps_an_existing_clock()
    {
        var time = new FakeTimeProvider();
        using var services = IngestionTestHost.Create(time: time);

        Assert.NotNull(services.GetRequiredService<IFeedFetcher>());
        Assert.NotNull(services.GetRequiredService<IPageFetcher>());
        Assert.IsType<FeedDocumentParser>(services.GetRequiredService<IFeedParser>());
        Assert.NotNull(services.GetRequiredService<FeedParseReport>());
        Assert.Same(time, services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void Registration_adds_the_system_clock_when_none_is_registered()
    {
        using var services = IngestionTestHost.Create();

        Assert.Same(TimeProvider.System, services.GetRequiredService<TimeProvider>());
    }
}
