using System.Diagnostics;
using System.Text;
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
            stored = await restarted.Store.QueryEventsAsync(new EventQuery(Metal: "gallium", Limit: int.MaxValue), guard.Token);
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

    private static async Task<List<string>> StoreUntilKilled(string database, Uri webhook, string run, int acksBeforeKill, CancellationToken cancellationToken)
    {
        using var child = StartHelper(database, webhook, run);
        var errors = new StringBuilder();
        child.ErrorDataReceived += (_, e) => errors.AppendLine(e.Data);
        child.BeginErrorReadLine();
        var acknowledged = new List<string>();
        try
        {
            var ready = await child.StandardOutput.ReadLineAsync(cancellationToken);
            Assert.True(ready == $"ready {child.Id}", $"The crash helper did not start: {ready} {errors}");
            while (acknowledged.Count < acksBeforeKill)
            {
                var line = await child.StandardOutput.ReadLineAsync(cancellationToken);
                Assert.True(line is not null, $"The crash helper stopped on its own: {errors}");
                acknowledged.Add(ParseAck(line) ?? throw new InvalidOperationException($"Unexpected helper output: {line}"));
            }
        }
        finally
        {
            child.Kill(entireProcessTree: true);
        }

        await child.WaitForExitAsync(cancellationToken);
        while (await child.StandardOutput.ReadLineAsync(cancellationToken) is { } rest)
        {
            if (ParseAck(rest) is { } id)
            {
                acknowledged.Add(id);
            }
        }

        return acknowledged;
    }

    private static string? ParseAck(string line) => AckLine().Match(line) is { Success: true } match ? match.Groups[1].Value : null;

    private static Process StartHelper(string database, Uri webhook, string run)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "NewsPipeline.Alerts.CrashHelper.dll"));
        start.ArgumentList.Add(database);
        start.ArgumentList.Add(webhook.AbsoluteUri);
        start.ArgumentList.Add(AlertHarness.Secret);
        start.ArgumentList.Add(run);
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the crash helper.");
    }

    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host)
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? current : "dotnet";
    }

    [GeneratedRegex("^ack ([0-9a-f]{16}-0)$")]
    private static partial Regex AckLine();
}
