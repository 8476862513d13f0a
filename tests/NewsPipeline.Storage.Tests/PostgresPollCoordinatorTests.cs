using NewsPipeline.Core.Feeds;
using NewsPipeline.Storage.Postgres.Coordination;
using NewsPipeline.Storage.Postgres.Schema;
using NewsPipeline.TestSupport;
using Npgsql;
using Xunit;

namespace NewsPipeline.Storage.Tests;

/// <summary>
/// Feed leases and host turns shared by workers through PostgreSQL. An expiry is simulated by moving the stored
/// expiry into the past, as the database clock would after a crash, so no test waits on time.
/// </summary>
public sealed class PostgresPollCoordinatorTests
{
    private static readonly string[] Hosts = ["rudnik.example", "kogyo.example", "metaux.example", "youse.example", "kazmetal.example"];

    [SkippableFact]
    public async Task Workers_claiming_together_split_the_feeds_without_overlap_one_per_host_per_claim()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var source = await MigratedAsync(database);
        var wanted = Enumerable.Range(0, 100).Select(i => new FeedClaim($"feed-{i:D3}", Hosts[i % Hosts.Length])).ToList();
        var workers = Enumerable.Range(1, 4).Select(i => Coordinator(source, $"worker-{i}")).ToList();

        var held = new List<FeedLease>();
        for (var round = 0; round < 40 && held.Count < wanted.Count; round++)
        {
            var claims = await Task.WhenAll(workers.Select(w => w.ClaimFeedsAsync(wanted, perHost: 1, limit: 8, CancellationToken.None)));
            Assert.All(claims, c => Assert.True(c.Select(l => l.Host).Distinct().Count() == c.Count, "two feeds of one host in one claim"));
            held.AddRange(claims.SelectMany(c => c));
        }

        Assert.Equal(wanted.Count, held.Count);
        Assert.Equal(wanted.Select(w => w.FeedName).Order(), held.Select(l => l.FeedName).Order());
        Assert.All(held, l => Assert.Null(l.TakenOverFrom));
        Assert.Empty(await workers[0].ClaimFeedsAsync(wanted, int.MaxValue, int.MaxValue, CancellationToken.None));

        var snapshot = await workers[0].DescribeAsync(CancellationToken.None);
        Assert.Equal(wanted.Count, snapshot.LeasedFeedsByWorker.Values.Sum());
        Assert.Equal(held.GroupBy(l => l.WorkerId).ToDictionary(g => g.Key, g => g.Count()), snapshot.LeasedFeedsByWorker);
        Assert.Equal(0, snapshot.ExpiredLeases);
    }

    [SkippableFact]
    public async Task A_crashed_workers_expired_lease_is_taken_over_and_the_late_worker_learns_it_lost_the_feed()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var source = await MigratedAsync(database);
        var crashed = Coordinator(source, "worker-a");
        var survivor = Coordinator(source, "worker-b");
        FeedClaim[] wanted = [new("kz-gallium", "kazmetal.example"), new("jp-germanium", "kogyo.example")];
        var held = await crashed.ClaimFeedsAsync(wanted, 1, 10, CancellationToken.None);
        Assert.Equal(2, held.Count);
        Assert.Empty(await survivor.ClaimFeedsAsync(wanted, 1, 10, CancellationToken.None));

        await ExpireAsync(source, "UPDATE feed_leases SET leased_until = now() - interval '1 second' WHERE feed_name = 'kz-gallium'");
        Assert.Equal(1, (await crashed.DescribeAsync(CancellationToken.None)).ExpiredLeases);
        var taken = Assert.Single(await survivor.ClaimFeedsAsync(wanted, 1, 10, CancellationToken.None));

        Assert.Equal(new FeedLease("kz-gallium", "kazmetal.example", "worker-b", "worker-a"), taken);
        Assert.Equal(["kz-gallium"], await crashed.RenewAsync(held, [], CancellationToken.None));
        Assert.False(await crashed.ReleaseAsync(held[0], polled: true, CancellationToken.None));
        Assert.True(await crashed.ReleaseAsync(held[1], polled: true, CancellationToken.None));
        Assert.True(await survivor.ReleaseAsync(taken, polled: true, CancellationToken.None));

        await using var read = source.CreateCommand("SELECT feed_name, last_worker, taken_over_from, polls FROM feed_leases ORDER BY feed_name");
        await using var reader = await read.ExecuteReaderAsync();
        var rows = new List<(string, string, string?, long)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt64(3)));
        }

        Assert.Equal([("jp-germanium", "worker-a", null, 1L), ("kz-gallium", "worker-b", "worker-a", 1L)], rows);
    }

    [SkippableFact]
    public async Task One_worker_at_a_time_asks_a_host_and_a_fault_makes_every_worker_back_off()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var source = await MigratedAsync(database);
        var workers = Enumerable.Range(1, 8).Select(i => Coordinator(source, $"worker-{i}")).ToList();

        var attempts = await Task.WhenAll(workers.Select(w => w.TryTakeHostTurnAsync("metaux.example", honourBackoff: true, CancellationToken.None)));
        var winner = Assert.Single(attempts, a => a.Turn is not null).Turn!;
        Assert.All(attempts.Where(a => a.Turn is null), a => Assert.True(a.RetryIn > TimeSpan.Zero && !a.InBackoff));
        Assert.True((await workers[0].HostWaitsAsync(["metaux.example", "kogyo.example"], CancellationToken.None))["metaux.example"] > TimeSpan.Zero);

        var answer = await workers[0].EndHostTurnAsync(winner, hostFault: true, retryAfter: TimeSpan.FromMinutes(5), CancellationToken.None);
        Assert.Equal(1, answer.Failures);
        Assert.Equal(TimeSpan.FromMinutes(5), answer.Backoff);
        var refused = await workers[3].TryTakeHostTurnAsync("metaux.example", honourBackoff: true, CancellationToken.None);
        Assert.True(refused.InBackoff);
        Assert.InRange(refused.RetryIn, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
        var backingOff = Assert.Single((await workers[5].DescribeAsync(CancellationToken.None)).HostsInBackoff);
        Assert.Equal(("metaux.example", 1), (backingOff.Host, backingOff.Failures));

        // A one-shot pass does not wait out a backoff, only the gap; a good answer clears the failures.
        await ExpireAsync(source, "UPDATE host_turns SET free_at = now() - interval '1 second'");
        var oneShot = await workers[4].TryTakeHostTurnAsync("metaux.example", honourBackoff: false, CancellationToken.None);
        Assert.Equal(1, oneShot.Turn!.FailuresBefore);
        Assert.Null((await workers[4].EndHostTurnAsync(oneShot.Turn, hostFault: false, retryAfter: null, CancellationToken.None)).Backoff);
        Assert.Empty((await workers[5].DescribeAsync(CancellationToken.None)).HostsInBackoff);
        var gap = await workers[6].TryTakeHostTurnAsync("metaux.example", honourBackoff: true, CancellationToken.None);
        Assert.False(gap.InBackoff);
        Assert.InRange(gap.RetryIn, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(10));
    }

    [SkippableFact]
    public async Task A_turn_whose_holder_died_mid_request_lapses_and_a_renewed_one_does_not()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var source = await MigratedAsync(database);
        var crashed = Coordinator(source, "worker-a");
        var other = Coordinator(source, "worker-b");
        var turn = (await crashed.TryTakeHostTurnAsync("youse.example", true, CancellationToken.None)).Turn!;
        await crashed.RenewAsync([], [turn], CancellationToken.None);
        Assert.Null((await other.TryTakeHostTurnAsync("youse.example", true, CancellationToken.None)).Turn);

        await ExpireAsync(source, "UPDATE host_turns SET busy_until = now() - interval '1 second'");
        var taken = (await other.TryTakeHostTurnAsync("youse.example", true, CancellationToken.None)).Turn;

        Assert.Equal(new HostTurn("youse.example", "worker-b", 0), taken);
    }

    private static PostgresPollCoordinator Coordinator(NpgsqlDataSource source, string worker) =>
        new(source, new PollCoordinationOptions { WorkerId = worker, LeaseDuration = TimeSpan.FromMinutes(1), MinimumHostGap = TimeSpan.FromSeconds(10) });

    private static async Task<NpgsqlDataSource> MigratedAsync(PostgresDatabase database)
    {
        var source = NpgsqlDataSource.Create(database.ConnectionString);
        await new SchemaMigrator(source).MigrateAsync(CancellationToken.None);
        return source;
    }

    private static async Task ExpireAsync(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
