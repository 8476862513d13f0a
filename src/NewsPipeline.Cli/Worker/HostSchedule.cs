using NewsPipeline.Core.Feeds;

namespace NewsPipeline.Cli.Worker;

/// <summary>
/// Politeness per host, shared by every cycle of a worker: when a host may next be asked (the minimum gap after its
/// last answer) and how long it is left alone after failing (exponential backoff per host, at least its Retry-After).
/// Kept in memory: after a restart each host starts fresh, while each feed's own backoff is in the store.
/// </summary>
public sealed class HostSchedule(WorkerOptions options, TimeProvider time)
{
    private readonly Lock sync = new();
    private readonly Dictionary<string, HostClock> hosts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>When the host may be asked again: after the gap since its last answer and after any backoff.</summary>
    public DateTimeOffset FreeAt(string host)
    {
        lock (sync)
        {
            return hosts.TryGetValue(host, out var turn) ? Later(turn.GapUntil, turn.BackoffUntil) : DateTimeOffset.MinValue;
        }
    }

    /// <summary>When the minimum gap since the host's last answer is over (backoff aside).</summary>
    public DateTimeOffset GapOverAt(string host)
    {
        lock (sync)
        {
            return hosts.TryGetValue(host, out var turn) ? turn.GapUntil : DateTimeOffset.MinValue;
        }
    }

    /// <summary>The host's consecutive failures, for logs.</summary>
    public int Failures(string host)
    {
        lock (sync)
        {
            return hosts.TryGetValue(host, out var turn) ? turn.Failures : 0;
        }
    }

    /// <summary>Records an answer (or its absence) from the host; returns the host's backoff when it failed.</summary>
    public TimeSpan? Answered(string host, bool hostFault, TimeSpan? retryAfter)
    {
        var now = time.GetUtcNow();
        lock (sync)
        {
            var turn = hosts.GetValueOrDefault(host) ?? new HostClock(DateTimeOffset.MinValue, DateTimeOffset.MinValue, 0);
            if (!hostFault)
            {
                hosts[host] = new HostClock(now + options.MinimumHostGap, DateTimeOffset.MinValue, 0);
                return null;
            }

            var failures = turn.Failures + 1;
            var backoff = options.Coordination.BackoffAfter(failures, retryAfter);
            hosts[host] = new HostClock(now + options.MinimumHostGap, now + backoff, failures);
            return backoff;
        }
    }

    /// <summary>The hosts still backing off at <paramref name="now"/>, for the health endpoint.</summary>
    public IReadOnlyList<HostBackoffState> BackingOff(DateTimeOffset now)
    {
        lock (sync)
        {
            return hosts.Where(h => h.Value.BackoffUntil > now)
                .Select(h => new HostBackoffState(h.Key, h.Value.Failures, h.Value.BackoffUntil - now))
                .OrderBy(h => h.Host, StringComparer.Ordinal)
                .ToList();
        }
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private sealed record HostClock(DateTimeOffset GapUntil, DateTimeOffset BackoffUntil, int Failures);
}
