using NewsPipeline.Core.Feeds;
using Npgsql;

namespace NewsPipeline.Storage.Postgres.Coordination;

/// <summary>
/// Leases and host turns in the shared database (tables of migration 0004), so that any number of workers poll one
/// feed list: a feed is claimed with <c>FOR UPDATE SKIP LOCKED</c> (workers never wait on each other's claims), a
/// host turn is taken by a conditional <c>UPDATE</c> that only one worker can win, and every expiry is reckoned on
/// the database's clock, so skew between the workers' clocks does not matter.
/// </summary>
public sealed class PostgresPollCoordinator(NpgsqlDataSource dataSource, PollCoordinationOptions options) : IPollCoordinator
{
    // How often a worker waiting for a busy host looks again when the host has no gap to wait out.
    private static readonly TimeSpan BusyPoll = TimeSpan.FromMilliseconds(100);

    public string WorkerId => options.WorkerId;

    public TimeSpan? LeaseDuration => options.LeaseDuration;

    public async Task<IReadOnlyList<FeedLease>> ClaimFeedsAsync(IReadOnlyList<FeedClaim> wanted, int perHost, int limit, CancellationToken cancellationToken)
    {
        if (wanted.Count == 0 || limit <= 0 || perHost <= 0)
        {
            return [];
        }

        var names = wanted.Select(w => w.FeedName).ToArray();
        var hosts = wanted.Select(w => w.Host).ToArray();
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command(EnsureRows, names, hosts));
        batch.BatchCommands.Add(Command(Claim, names, hosts, perHost, limit, options.WorkerId, options.LeaseDuration));
        var leases = new List<(long Rank, FeedLease Lease)>();
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var previous = await reader.IsDBNullAsync(3, cancellationToken) ? null : reader.GetString(3);
            leases.Add((reader.GetInt64(2), new FeedLease(reader.GetString(0), reader.GetString(1), options.WorkerId, previous)));
        }

        return leases.OrderBy(l => l.Rank).Select(l => l.Lease).ToList();
    }

    public async Task<IReadOnlyList<string>> RenewAsync(IReadOnlyCollection<FeedLease> leases, IReadOnlyCollection<HostTurn> turns, CancellationToken cancellationToken)
    {
        if (leases.Count == 0 && turns.Count == 0)
        {
            return [];
        }

        var names = leases.Select(l => l.FeedName).ToArray();
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command(RenewTurns, options.WorkerId, options.LeaseDuration, turns.Select(t => t.Host).ToArray()));
        batch.BatchCommands.Add(Command(RenewLeases, options.WorkerId, options.LeaseDuration, names));
        var kept = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            kept.Add(reader.GetString(0));
        }

        return names.Where(n => !kept.Contains(n)).ToList();
    }

    public async Task<bool> ReleaseAsync(FeedLease lease, bool polled, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Release);
        Add(command.Parameters, lease.FeedName, options.WorkerId, polled);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<HostTurnAttempt> TryTakeHostTurnAsync(string host, bool honourBackoff, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command(EnsureHost, host));
        batch.BatchCommands.Add(Command(TakeTurn, host, options.WorkerId, options.LeaseDuration, honourBackoff));
        batch.BatchCommands.Add(Command(TurnState, host));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (await reader.ReadAsync(cancellationToken))
        {
            return HostTurnAttempt.Granted(new HostTurn(host, options.WorkerId, reader.GetInt32(0)));
        }

        // Not granted: the third statement says why, and for how long.
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var busyFor = await Interval(reader, 0, cancellationToken);
        var gapFor = await Interval(reader, 1, cancellationToken);
        var backoffFor = await Interval(reader, 2, cancellationToken);
        if (honourBackoff && backoffFor > TimeSpan.Zero && backoffFor >= gapFor && backoffFor >= busyFor)
        {
            return HostTurnAttempt.Wait(backoffFor, inBackoff: true);
        }

        // A busy host answers and then serves its gap: no sooner than that, unless the holder's turn lapses first.
        var gap = options.MinimumHostGap > BusyPoll ? options.MinimumHostGap : BusyPoll;
        var busyWait = busyFor > TimeSpan.Zero ? (busyFor < gap ? busyFor : gap) : TimeSpan.Zero;
        var wait = busyWait > gapFor ? busyWait : gapFor;
        return HostTurnAttempt.Wait(wait > TimeSpan.Zero ? wait : BusyPoll, inBackoff: false);
    }

    public async Task<HostAnswer> EndHostTurnAsync(HostTurn turn, bool hostFault, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var failures = hostFault ? turn.FailuresBefore + 1 : 0;
        TimeSpan? backoff = hostFault ? options.BackoffAfter(failures, retryAfter) : null;
        await using var command = dataSource.CreateCommand(EndTurn);
        Add(command.Parameters, turn.Host, turn.WorkerId, options.MinimumHostGap, failures);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)backoff ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Interval });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new HostAnswer(backoff, failures);
    }

    public async Task<IReadOnlyDictionary<string, TimeSpan>> HostWaitsAsync(IReadOnlyCollection<string> hosts, CancellationToken cancellationToken)
    {
        var waits = hosts.Distinct(StringComparer.OrdinalIgnoreCase).ToDictionary(h => h, _ => TimeSpan.Zero, StringComparer.OrdinalIgnoreCase);
        if (waits.Count == 0)
        {
            return waits;
        }

        await using var command = dataSource.CreateCommand(HostWaits);
        Add(command.Parameters, waits.Keys.ToArray(), options.MinimumHostGap > BusyPoll ? options.MinimumHostGap : BusyPoll);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            waits[reader.GetString(0)] = await Interval(reader, 1, cancellationToken);
        }

        return waits;
    }

    public async Task<CoordinationSnapshot> DescribeAsync(CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(LeasesByWorker));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(HostsInBackoff));
        var byWorker = new Dictionary<string, int>(StringComparer.Ordinal);
        var expired = 0;
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var live = (int)reader.GetInt64(1);
            if (live > 0)
            {
                byWorker[reader.GetString(0)] = live;
            }

            expired += (int)reader.GetInt64(2);
        }

        await reader.NextResultAsync(cancellationToken);
        var backingOff = new List<HostBackoffState>();
        while (await reader.ReadAsync(cancellationToken))
        {
            backingOff.Add(new HostBackoffState(reader.GetString(0), reader.GetInt32(1), reader.GetFieldValue<TimeSpan>(2)));
        }

        return new CoordinationSnapshot("postgresql", byWorker, expired, backingOff);
    }

    private static async Task<TimeSpan> Interval(NpgsqlDataReader reader, int ordinal, CancellationToken cancellationToken) =>
        await reader.IsDBNullAsync(ordinal, cancellationToken) ? TimeSpan.Zero : reader.GetFieldValue<TimeSpan>(ordinal);

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        Add(command.Parameters, values);
        return command;
    }

    private static void Add(NpgsqlParameterCollection parameters, params object[] values)
    {
        foreach (var value in values)
        {
            parameters.Add(new NpgsqlParameter { Value = value });
        }
    }

    // Feeds and hosts first seen get their rows; a claim can then lock rows that exist.
    private const string EnsureRows = """
        WITH feeds AS (
            INSERT INTO feed_leases (feed_name) SELECT unnest($1::text[]) ON CONFLICT (feed_name) DO NOTHING
        )
        INSERT INTO host_turns (host) SELECT DISTINCT unnest($2::text[]) ON CONFLICT (host) DO NOTHING
        """;

    // Free (never leased, released, or expired) wanted feeds, skipping rows another worker is claiming this instant;
    // at most $3 per host and $4 in all, in the caller's order; the previous holder of an expired lease is returned.
    private const string Claim = """
        WITH wanted AS (
            SELECT w.feed_name, w.host, w.rank
            FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS w(feed_name, host, rank)
        ), free AS (
            SELECT l.feed_name, w.host, w.rank, l.worker_id AS previous
            FROM feed_leases l JOIN wanted w ON w.feed_name = l.feed_name
            WHERE l.worker_id IS NULL OR l.leased_until < now()
            FOR UPDATE OF l SKIP LOCKED
        ), picked AS (
            SELECT feed_name, host, rank, previous
            FROM (SELECT f.*, row_number() OVER (PARTITION BY f.host ORDER BY f.rank) AS nth FROM free f) ranked
            WHERE nth <= $3
            ORDER BY rank
            LIMIT $4
        )
        UPDATE feed_leases l
        SET worker_id = $5, leased_until = now() + $6, claimed_at = now(),
            taken_over_from = CASE WHEN p.previous <> $5 THEN p.previous ELSE l.taken_over_from END,
            taken_over_at = CASE WHEN p.previous <> $5 THEN now() ELSE l.taken_over_at END,
            takeovers = l.takeovers + CASE WHEN p.previous <> $5 THEN 1 ELSE 0 END
        FROM picked p
        WHERE l.feed_name = p.feed_name
        RETURNING l.feed_name, p.host, p.rank, CASE WHEN p.previous <> $5 THEN p.previous END
        """;

    private const string RenewTurns = """
        UPDATE host_turns SET busy_until = now() + $2 WHERE busy_worker = $1 AND host = ANY($3::text[])
        """;

    private const string RenewLeases = """
        UPDATE feed_leases SET leased_until = now() + $2 WHERE worker_id = $1 AND feed_name = ANY($3::text[]) RETURNING feed_name
        """;

    private const string Release = """
        UPDATE feed_leases
        SET worker_id = NULL, leased_until = NULL,
            last_worker = CASE WHEN $3 THEN $2 ELSE last_worker END,
            last_polled_at = CASE WHEN $3 THEN now() ELSE last_polled_at END,
            polls = polls + CASE WHEN $3 THEN 1 ELSE 0 END
        WHERE feed_name = $1 AND worker_id = $2
        """;

    private const string EnsureHost = "INSERT INTO host_turns (host) VALUES ($1) ON CONFLICT (host) DO NOTHING";

    // Only one worker can win: a concurrent taker waits for the row, then finds it busy. A lapsed turn (its holder
    // died mid-request) is free again.
    private const string TakeTurn = """
        UPDATE host_turns SET busy_worker = $2, busy_until = now() + $3
        WHERE host = $1
          AND (busy_worker IS NULL OR busy_until < now())
          AND (free_at IS NULL OR free_at <= now())
          AND (NOT $4 OR backoff_until IS NULL OR backoff_until <= now())
        RETURNING failures
        """;

    private const string TurnState = """
        SELECT CASE WHEN busy_worker IS NOT NULL AND busy_until > now() THEN busy_until - now() END,
               CASE WHEN free_at > now() THEN free_at - now() END,
               CASE WHEN backoff_until > now() THEN backoff_until - now() END
        FROM host_turns WHERE host = $1
        """;

    // The gap starts when the answer is in; a fault also sets the backoff every worker honours.
    private const string EndTurn = """
        UPDATE host_turns
        SET busy_worker = NULL, busy_until = NULL, free_at = now() + $3, failures = $4,
            backoff_until = CASE WHEN $5::interval IS NULL THEN NULL ELSE now() + $5::interval END
        WHERE host = $1 AND busy_worker = $2
        """;

    // A host being asked now is not free for at least the gap after its answer ($2).
    private const string HostWaits = """
        SELECT host, GREATEST(
            CASE WHEN busy_worker IS NOT NULL AND busy_until > now() THEN $2::interval END,
            CASE WHEN free_at > now() THEN free_at - now() END,
            CASE WHEN backoff_until > now() THEN backoff_until - now() END)
        FROM host_turns WHERE host = ANY($1::text[])
        """;

    private const string LeasesByWorker = """
        SELECT worker_id, count(*) FILTER (WHERE leased_until >= now()), count(*) FILTER (WHERE leased_until < now())
        FROM feed_leases WHERE worker_id IS NOT NULL GROUP BY worker_id ORDER BY worker_id
        """;

    private const string HostsInBackoff = """
        SELECT host, failures, backoff_until - now() FROM host_turns WHERE backoff_until > now() ORDER BY host
        """;
}
