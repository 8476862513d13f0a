namespace NewsPipeline.Core.Feeds;

/// <summary>
/// What workers sharing one feed list agree on: which worker polls which feed now (a lease that expires, so a
/// crashed worker's feeds are taken over) and when a publisher's host may next be asked (one request at a time per
/// host, the minimum gap after each answer, and a backoff after host faults that every worker honours).
/// One process alone uses the in-memory implementation; workers sharing a server store use the store's.
/// </summary>
public interface IPollCoordinator
{
    /// <summary>The worker this coordinator speaks for, as named in leases and logs.</summary>
    string WorkerId { get; }

    /// <summary>How long a lease or host turn lasts unless renewed; null when they never expire (one process alone).</summary>
    TimeSpan? LeaseDuration { get; }

    /// <summary>
    /// Leases, for this worker, up to <paramref name="limit"/> of the <paramref name="wanted"/> feeds that no other
    /// worker holds (or whose holder's lease expired), at most <paramref name="perHost"/> per host, in the order given.
    /// </summary>
    Task<IReadOnlyList<FeedLease>> ClaimFeedsAsync(IReadOnlyList<FeedClaim> wanted, int perHost, int limit, CancellationToken cancellationToken);

    /// <summary>Extends the leases and host turns this worker still holds; returns the feeds whose lease was lost.</summary>
    Task<IReadOnlyList<string>> RenewAsync(IReadOnlyCollection<FeedLease> leases, IReadOnlyCollection<HostTurn> turns, CancellationToken cancellationToken);

    /// <summary>Gives a feed back; <paramref name="polled"/> records that this worker polled it under the lease.</summary>
    /// <returns>False when the lease had already been lost to another worker.</returns>
    Task<bool> ReleaseAsync(FeedLease lease, bool polled, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the host's turn when nobody else is asking it, its gap is over and (when <paramref name="honourBackoff"/>)
    /// its backoff is over; else says how long to wait before trying again.
    /// </summary>
    Task<HostTurnAttempt> TryTakeHostTurnAsync(string host, bool honourBackoff, CancellationToken cancellationToken);

    /// <summary>Ends a turn with how the host answered; a host fault starts (or lengthens) the host's backoff for everyone.</summary>
    Task<HostAnswer> EndHostTurnAsync(HostTurn turn, bool hostFault, TimeSpan? retryAfter, CancellationToken cancellationToken);

    /// <summary>How long each host must be left alone from now (busy, gap or backoff); zero when it may be asked.</summary>
    Task<IReadOnlyDictionary<string, TimeSpan>> HostWaitsAsync(IReadOnlyCollection<string> hosts, CancellationToken cancellationToken);

    /// <summary>Who holds what, for the health endpoint and operators.</summary>
    Task<CoordinationSnapshot> DescribeAsync(CancellationToken cancellationToken);
}

/// <summary>A feed a worker wants to poll, with the host it will ask (for the per-host limit).</summary>
public sealed record FeedClaim(string FeedName, string Host);

/// <summary>A feed leased to a worker; <paramref name="TakenOverFrom"/> names the worker whose expired lease it replaced.</summary>
public sealed record FeedLease(string FeedName, string Host, string WorkerId, string? TakenOverFrom = null);

/// <summary>A worker's turn at a host: while it lasts, no other worker sends the host a request.</summary>
public sealed record HostTurn(string Host, string WorkerId, int FailuresBefore);

/// <summary>The turn when it was granted, else how long to wait and whether the host is backing off after faults.</summary>
public sealed record HostTurnAttempt(HostTurn? Turn, TimeSpan RetryIn, bool InBackoff)
{
    public static HostTurnAttempt Granted(HostTurn turn) => new(turn, TimeSpan.Zero, false);

    public static HostTurnAttempt Wait(TimeSpan retryIn, bool inBackoff) => new(null, retryIn > TimeSpan.Zero ? retryIn : TimeSpan.Zero, inBackoff);
}

/// <summary>What a host's answer did to its schedule: the backoff it now serves (null after a good answer).</summary>
public sealed record HostAnswer(TimeSpan? Backoff, int Failures);

/// <summary>The lease state: feeds held per worker, leases past their expiry (a worker that died) and hosts backing off.</summary>
public sealed record CoordinationSnapshot(
    string Kind,
    IReadOnlyDictionary<string, int> LeasedFeedsByWorker,
    int ExpiredLeases,
    IReadOnlyList<HostBackoffState> HostsInBackoff);

/// <summary>A host left alone after faults, until <paramref name="For"/> from now.</summary>
public sealed record HostBackoffState(string Host, int Failures, TimeSpan For);
