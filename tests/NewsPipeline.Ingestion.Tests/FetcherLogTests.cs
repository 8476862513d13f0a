using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core;
using NewsPipeline.Core.Feeds;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Ingestion.Tests;

/// <summary>Every line the feed fetcher logs has an event id and names the feed, so an operator can grep one feed's story.</summary>
public sealed class FetcherLogTests
{
    [Fact]
    public async Task Each_fetch_is_logged_with_an_event_id_and_the_feed_name()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = context.Request.Path == "/busy" ? StatusCodes.Status429TooManyRequests : StatusCodes.Status304NotModified;
            context.Response.Headers.RetryAfter = "60";
            return Task.CompletedTask;
        });
        var lines = new ConcurrentQueue<(string Category, EventId Id, string Message)>();
        using var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(new CapturingProvider(lines)).SetMinimumLevel(LogLevel.Trace))
            .AddNewsPipelineIngestion(new IngestionOptions())
            .BuildServiceProvider();
        var fetcher = services.GetRequiredService<IFeedFetcher>();
        var busy = new FeedDefinition("Тау-кен жаңалықтары", server.Url("busy"), "kk", TimeSpan.FromMinutes(30));
        var quiet = new FeedDefinition("非鉄ニュース", server.Url("quiet"), "ja", TimeSpan.FromMinutes(30));

        await fetcher.FetchAsync(busy, FeedState.New(busy), CancellationToken.None);
        await fetcher.FetchAsync(quiet, FeedState.New(quiet) with { ETag = "\"1\"" }, CancellationToken.None);

        var fetcherLines = lines.Where(l => l.Category.EndsWith("HttpFeedFetcher", StringComparison.Ordinal)).ToList();
        Assert.Contains(fetcherLines, l => l.Id.Id == 3003 && l.Message.Contains("Тау-кен жаңалықтары", StringComparison.Ordinal) && l.Message.Contains("HTTP 429", StringComparison.Ordinal));
        Assert.Contains(fetcherLines, l => l.Id.Id == 3004 && l.Message.Contains("Тау-кен жаңалықтары", StringComparison.Ordinal));
        Assert.Contains(fetcherLines, l => l.Id.Id == 3002 && l.Message.Contains("非鉄ニュース", StringComparison.Ordinal) && l.Message.Contains("HTTP 304", StringComparison.Ordinal));
        Assert.Contains(fetcherLines, l => l.Id.Id == 3001 && l.Message.Contains("(conditional: True)", StringComparison.Ordinal));
        Assert.All(fetcherLines, l => Assert.True(l.Id.Id > 0 && (l.Message.Contains("Тау-кен жаңалықтары", StringComparison.Ordinal) || l.Message.Contains("非鉄ニュース", StringComparison.Ordinal)), l.Message));
    }

    private sealed class CapturingProvider(ConcurrentQueue<(string Category, EventId Id, string Message)> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<(string Category, EventId Id, string Message)> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue((category, eventId, formatter(state, exception)));
        }
    }
}
