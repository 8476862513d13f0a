using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using NewsPipeline.Cli.Worker;
using NewsPipeline.Core.Feeds;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Cli.Tests;

/// <summary>`feeds status` as an operator reads it after the worker has polled.</summary>
public sealed class FeedsStatusTests
{
    [Fact]
    public async Task Status_shows_state_last_success_next_poll_with_its_reason_interval_items_validators_and_the_last_error()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (context.Request.Path == "/down.xml")
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = "7200";
                return;
            }

            context.Response.ContentType = "application/rss+xml";
            context.Response.Headers.ETag = "\"7\"";
            context.Response.Headers.CacheControl = "max-age=7200";
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(
                "<rss version=\"2.0\"><channel><title>Металлы</title><link>http://x/</link><description>d</description></channel></rss>"));
        });
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        using var temp = new TempDirectory();
        await using (var pipeline = new PipelineFixture(temp.File("store.db"), time, new WorkerOptions { Jitter = 0, MinimumHostGap = TimeSpan.Zero }))
        {
            await pipeline.Cycle.RunAsync(
                [new FeedDefinition("Металлы", server.Url("ok.xml"), "ru", TimeSpan.FromHours(1)), new FeedDefinition("Minería caída", server.Url("down.xml"), "es", TimeSpan.FromHours(1))],
                onlyDue: false,
                CancellationToken.None);
        }

        var status = await CliProcess.RunAsync(temp.Path, "feeds", "status", "--db", temp.File("store.db"));

        Assert.Equal(0, status.ExitCode);
        // The table shortens long cells with an ellipsis, so reasons are matched by their start.
        var lines = status.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches("feed +state +last success +next poll +interval +items +validators +last error", lines[0]);
        var down = Assert.Single(lines, l => l.StartsWith("Minería caída", StringComparison.Ordinal));
        Assert.Contains("failing ×1", down, StringComparison.Ordinal);
        Assert.Contains("2026-03-02 10:00Z (Retry-After 02", down, StringComparison.Ordinal);
        Assert.Contains("RateLimited: HTTP 503", down, StringComparison.Ordinal);
        var ok = Assert.Single(lines, l => l.StartsWith("Металлы", StringComparison.Ordinal));
        Assert.Contains(" ok ", ok, StringComparison.Ordinal);
        Assert.Contains("2026-03-02 10:00Z (server hint 02", ok, StringComparison.Ordinal);
        Assert.Contains("01:00:00", ok, StringComparison.Ordinal);
        Assert.Contains("ETag", ok, StringComparison.Ordinal);
    }
}
