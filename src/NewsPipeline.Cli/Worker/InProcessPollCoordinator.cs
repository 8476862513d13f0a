using NewsPipeline.Core.Feeds;

namespace NewsPipeline.Cli.Worker;

/// <summary>
/// The coordinator of a worker that has its store to itself (the embedded LiteDB store allows one process): leases
/// are granted at once and never expire, and each host's turns follow the in-memory <see cref="HostSchedule"/>.
/// How many feeds of one host run together is the cycle's per-host gate, as it always was.
/// </summary>
public sealed class InProcessPollCoordinator(HostSchedule hosts, WorkerOptions options, TimeProvider time) : IPollCoordinator
{
    private readonly Lock sync = new();
    private readonly HashSet<string> leased = new(StringComparer.Ordinal);

    public string WorkerId => options.WorkerId;

    public TimeSpan? LeaseDuration => null;

    public Task<IReadOnlyList<FeedLease>> ClaimFeedsAsync(IReadOnlyList<FeedClaim> wanted, int perHost, int limit, CancellationToken cancellationToken)
    {
        var granted = new List<FeedLease>();
        var perHostCount = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        lock (sync)
        {
            foreach (var claim in wanted)
            {
                var count = perHostCount.GetValueOrDefault(claim.Host);
                if (granted.Count >= limit || count >= perHost || !leased.Add(claim.FeedName))
                {
                    continue;
                }

                perHostCount[claim.Host] = count + 1;
                granted.Add(new FeedLease(claim.FeedName, claim.Host, WorkerId));
            }
        }

        return Task.FromResult<IReadOnlyList<FeedLease>>(granted);
    }

    public Task<IReadOnlyList<string>> RenewAsync(IReadOnlyCollection<FeedLease> leases, IReadOnlyCollection<HostTurn> turns, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    public Task<bool> ReleaseAsync(FeedLease lease, bool polled, CancellationToken cancellationToken)
    {
        lock (sync)
        {
            return Task.FromResult(leased.Remove(lease.FeedName));
        }
    }

    public Task<HostTurnAttempt> TryTakeHostTurnAsync(string host, bool honourBackoff, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var gapWait = hosts.GapOverAt(host) - now;
        var freeWait = hosts.FreeAt(host) - now;
        var attempt = honourBackoff && freeWait > gapWait && freeWait > TimeSpan.Zero ? HostTurnAttempt.Wait(freeWait, inBackoff: true)
            : gapWait > TimeSpan.Zero ? HostTurnAttempt.Wait(gapWait, inBackoff: false)
            : HostTurnAttempt.Granted(new HostTurn(host, WorkerId, hosts.Failures(host)));
        return Task.FromResult(attempt);
    }

    public Task<HostAnswer> EndHostTurnAsync(HostTurn turn, bool hostFault, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var backoff = hosts.Answered(turn.Host, hostFault, retryAfter);
        return Task.FromResult(new HostAnswer(backoff, hosts.Failures(turn.Host)));
    }

    public Task<IReadOnlyDictionary<string, TimeSpan>> HostWaitsAsync(IReadOnlyCollection<string> hostNames, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        IReadOnlyDictionary<string, TimeSpan> waits = hostNames.Distinct(StringComparer.OrdinalIgnoreCase).ToDictionary(
            h => h,
            h => hosts.FreeAt(h) > now ? hosts.FreeAt(h) - now : TimeSpan.Zero,
            StringComparer.OrdinalIgnoreCase);
        return Task.FromResult(waits);
    }

    public Task<CoordinationSnapshot> DescribeAsync(CancellationToken cancellationToken)
    {
        int count;
        lock (sync)
        {
            count = leased.Count;
        }

        var byWorker = count == 0 ? new Dictionary<string, int>(StringComparer.Ordinal) : new Dictionary<string, int>(StringComparer.Ordinal) { [WorkerId] = count };
        return Task.FromResult(new CoordinationSnapshot("in-process", byWorker, 0, hosts.BackingOff(time.GetUtcNow())));
    }
}
