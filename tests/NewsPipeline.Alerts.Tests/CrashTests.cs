using System.Text.RegularExpressions;
using NewsPipeline.Core.Alerts;
using NewsPipeline.Core.Storage;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Alerts.Tests;

/// <summary>
/// Kills a real process (SIGKILL on Unix) that stores deals without dispatching, several times, then delivers from
/// a fresh process: every stored deal is alerted exactly once per alert id, and no alert exists without its deal.
/// </summary>
public sealed partial class CrashTests
{
    [Fact]
    public async Task Killing_the_process_between_ingest_and_delivery_loses_no_alert_and_sends_none_twice()
    {
        using var folder = new TempDirectory();
        var database = folder.File("crash.db");
        var keys = new List<string>();
        await using var receiver = await LoopbackServer.StartAsync(context =>
        {
            lock (keys)
            {
                keys.Add(context.Request.Headers["Idempotency-Key"].ToString());
            }

            return Task.CompletedTask;
        });
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(90)); // a hang guard, not a timing assertion
        var acknowledged = new List<string>();
        foreach (var (round, acksBeforeKill) in new[] { (0, 40), (1, 73), (2, 9) })
        {
            acknowledged.AddRange(await StoreUntilKilled(database, receiver.Url("/hook"), $"round{round}", acksBeforeKill, guard.Token));
        }

        // Restart: a new process opens the store and delivers what the killed ones left in the outbox.
        IReadOnlyList<StoredEvent> stored;
        await using (var restarted = new AlertHarness(databasePath: database))
        {
            restarted.Time.SetUtcNow(TimeProvider.System.GetUtcNow());
            stored = await restarted.Pipeline.QueryEventsAsync(new EventQuery(Metal: "gallium", Limit: int.MaxValue), guard.Token);
            var pass = await restarted.Dispatcher.RunUntilIdleAsync(guard.Token);
            Assert.Equal(stored.Count, pass.Delivered);
        }

        // A second restart finds nothing left to send.
        await using (var again = new AlertHarness(databasePath: database))
        {
            again.Time.SetUtcNow(TimeProvider.System.GetUtcNow().AddHours(1));
            Assert.Equal(0, (await again.Dispatcher.RunUntilIdleAsync(guard.Token)).Claimed);
        }

        Assert.InRange(stored.Count, acknowledged.Count, acknowledged.Count + 3); // at most the deal in flight per kill
        var expected = stored.Select(e => AlertPlanner.AlertId("gallium-deals", e.Id, AlertReason.New, null)).ToHashSet(StringComparer.Ordinal);
        Assert.All(acknowledged, id => Assert.Contains(AlertPlanner.AlertId("gallium-deals", id, AlertReason.New, null), expected));
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(expected.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    private static Task<List<string>> StoreUntilKilled(string database, Uri webhook, string run, int acksBeforeKill, CancellationToken cancellationToken) =>
        CrashHelperProcess.AcknowledgedUntilKilledAsync(
            "NewsPipeline.Alerts.CrashHelper.dll", [database, webhook.AbsoluteUri, AlertHarness.Secret, run], AckLine(), acksBeforeKill, whileRunning: null, cancellationToken);

    [GeneratedRegex("^ack ([0-9a-f]{16}-0)$")]
    private static partial Regex AckLine();
}
