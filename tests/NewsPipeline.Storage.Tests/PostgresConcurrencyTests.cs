using NewsPipeline.Core.Alerts;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Storage;
using NewsPipeline.Storage.Postgres;
using NewsPipeline.TestSupport;
using Npgsql;
using Xunit;

namespace NewsPipeline.Storage.Tests;

/// <summary>
/// What only the shared server store must guarantee: several processes (here: stores with a connection pool each)
/// storing and dispatching at once, and connections that break mid-transaction. Sentences written for these tests.
/// </summary>
public sealed class PostgresConcurrencyTests
{
    private static readonly DateTimeOffset May = new(2026, 5, 4, 8, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public async Task Two_processes_storing_the_same_articles_at_once_store_each_once_with_its_events()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var first = await TestStore.OpenPostgresAsync(database.ConnectionString);
        using var second = await TestStore.OpenPostgresAsync(database.ConnectionString);
        var articles = Enumerable.Range(0, 24)
            .Select(i => Samples.Article($"https://race.example/fr/{i}", $"Rapport {i} : la mine de cuivre numéro {i} reprend sa production au Chili.", "fr"))
            .ToList();

        // Each article offered by both at the same moment; every odd one by the second under another URL (syndicated text).
        var outcomes = await Task.WhenAll(articles.Select(async (article, i) =>
        {
            var events = new[] { Samples.Stored(article, Samples.Event(EventType.Production, "copper", article.Text, seller: $"Minera Norte {i}")) };
            var twin = i % 2 == 0 ? article : Samples.Article($"https://mirror.example/{i}", article.Text, "fr");
            var twinEvents = new[] { Samples.Stored(twin, Samples.Event(EventType.Production, "copper", twin.Text, seller: $"Minera Norte {i}")) };
            var results = await Task.WhenAll(
                Task.Run(() => first.AddArticleAsync(article, events, CancellationToken.None)),
                Task.Run(() => second.AddArticleAsync(twin, twinEvents, CancellationToken.None)));
            return (Index: i, Results: results);
        }));

        foreach (var (index, results) in outcomes)
        {
            Assert.Single(results, r => r == IngestOutcome.Added);
            Assert.Single(results, r => r == (index % 2 == 0 ? IngestOutcome.DuplicateUrl : IngestOutcome.DuplicateContent));
        }

        Assert.Equal(new StoreStatistics(0, 24, 24), await first.GetStatisticsAsync(CancellationToken.None));
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var orphans = new NpgsqlCommand("SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = e.article_id)", connection);
        Assert.Equal(0L, await orphans.ExecuteScalarAsync());
    }

    [SkippableFact]
    public async Task Eight_processes_storing_reports_of_one_deal_at_once_make_one_event_with_eight_sources_and_one_alert()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var stores = new List<PostgresPipelineStore>();
        for (var i = 0; i < 8; i++)
        {
            stores.Add(await TestStore.OpenPostgresAsync(database.ConnectionString));
        }

        try
        {
            await stores[0].SaveSubscriptionAsync(AlertStoreTests.Subscription("nickel", "nickel"), CancellationToken.None);
            var reports = new (string Language, string Text)[]
            {
                ("fr", "Severny Nickel livrera 20 000 tonnes de nickel par an à Nordhütte à partir de 2027."),
                ("en", "Severny Nickel will deliver 20,000 tonnes of nickel a year to Nordhütte from 2027."),
                ("ru", "«Северный никель» будет поставлять Nordhütte 20 тыс. тонн никеля в год с 2027 года."),
                ("de", "Severny Nickel liefert ab 2027 jährlich 20.000 Tonnen Nickel an die Nordhütte."),
                ("es", "Severny Nickel entregará 20.000 toneladas de níquel al año a Nordhütte desde 2027."),
                ("pt", "A Severny Nickel entregará 20 mil toneladas de níquel por ano à Nordhütte a partir de 2027."),
                ("ja", "セヴェルヌイ・ニッケルは2027年からノルドヒュッテに年2万トンのニッケルを供給する。"),
                ("kk", "Severny Nickel 2027 жылдан бастап Nordhütte компаниясына жылына 20 мың тонна никель жеткізеді."),
            };

            var results = await Task.WhenAll(reports.Select((report, i) => Task.Run(async () =>
            {
                var article = Samples.Article($"https://{report.Language}.example/nickel-deal", report.Text, report.Language, published: May.AddHours(i));
                var deal = Samples.Event(EventType.SupplyAgreement, "nickel", report.Text, buyer: "Nordhütte", seller: "Severny Nickel", tonnes: 20000, per: RatePeriod.Year, start: "2027", origin: "RU", destination: "DE");
                return await stores[i].IngestArticleAsync(article, [Samples.Stored(article, deal)], CancellationToken.None);
            })));

            Assert.All(results, r => Assert.Equal(IngestOutcome.Added, r.Outcome));
            Assert.Single(results, r => r.Events[0].Outcome == StoryOutcome.NewEvent);
            var stored = Assert.Single(await stores[0].QueryEventsAsync(new EventQuery(), CancellationToken.None));
            Assert.Equal(8, stored.SourceCount);
            Assert.Equal(reports.Select(r => r.Language).Order(StringComparer.Ordinal), stored.Sources!.Select(s => s.Language).Order(StringComparer.Ordinal));
            Assert.All(results, r => Assert.Equal(stored.Id, r.Events[0].EventId));
            var alert = Assert.Single(await stores[0].ListDeliveriesAsync("nickel", 10, CancellationToken.None));
            Assert.Equal(7, alert.LaterSources.Count);
        }
        finally
        {
            stores.ForEach(store => store.Dispose());
        }
    }

    [SkippableFact]
    public async Task Four_dispatchers_claiming_at_once_take_every_due_delivery_exactly_once()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var stores = new List<PostgresPipelineStore>();
        for (var i = 0; i < 4; i++)
        {
            stores.Add(await TestStore.OpenPostgresAsync(database.ConnectionString));
        }

        try
        {
            await stores[0].SaveSubscriptionAsync(AlertStoreTests.Subscription("lithium", "lithium", channels: 2), CancellationToken.None);
            for (var i = 0; i < 30; i++)
            {
                var article = Samples.Article($"https://cl.example/litio/{i}", $"La minera {i} producirá litio en el salar número {i}.", "es", published: May);
                await stores[i % 4].AddArticleAsync(
                    article, [Samples.Stored(article, Samples.Event(EventType.Production, "lithium", article.Text, seller: $"Minera {i}"))], CancellationToken.None);
            }

            var now = TimeProvider.System.GetUtcNow().AddMinutes(1);
            var claims = await Task.WhenAll(stores.Select(store => Task.Run(async () =>
            {
                var mine = new List<string>();
                while (await store.ClaimDueDeliveriesAsync(now, now.AddMinutes(10), 4, CancellationToken.None) is { Count: > 0 } batch)
                {
                    mine.AddRange(batch.Select(d => d.Id));
                }

                return mine;
            })));

            var all = claims.SelectMany(ids => ids).ToList();
            Assert.Equal(60, all.Count);
            Assert.Equal(60, all.Distinct(StringComparer.Ordinal).Count());
        }
        finally
        {
            stores.ForEach(store => store.Dispose());
        }
    }

    [SkippableFact]
    public async Task An_ingest_whose_connection_is_killed_mid_transaction_is_retried_and_stored_once()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var store = await TestStore.OpenPostgresAsync(database.ConnectionString);
        var article = Samples.Article("https://zh.example/xi", "中国稀土集团与一家德国磁材企业签署了每年三千吨稀土的供应协议。", "zh", published: May);
        var deal = Samples.Stored(article, Samples.Event(EventType.SupplyAgreement, "rare earths", article.Text, seller: "中国稀土集团", tonnes: 3000, destination: "DE"));
        await using var blocker = await EventsBlocked(database.ConnectionString);

        var ingest = store.IngestArticleAsync(article, [deal], CancellationToken.None);
        var firstTry = (await blocker.WaitForBlockedBackendAsync(except: null, whileRunning: ingest))!.Value;
        await blocker.TerminateAsync(firstTry);
        var secondTry = await blocker.WaitForBlockedBackendAsync(except: firstTry, whileRunning: ingest);
        await blocker.ReleaseAsync();

        Assert.NotEqual(firstTry, secondTry);
        Assert.Equal(IngestOutcome.Added, (await ingest).Outcome);
        Assert.Equal(new StoreStatistics(0, 1, 1), await store.GetStatisticsAsync(CancellationToken.None));
        Assert.Equal(1, (await store.GetEventAsync(deal.Id, CancellationToken.None))!.SourceCount);
    }

    [SkippableFact]
    public async Task An_ingest_killed_on_every_attempt_leaves_nothing_and_names_the_article_and_a_later_call_stores_it()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var store = await TestStore.OpenPostgresAsync(database.ConnectionString);
        var article = Samples.Article("https://pt.example/niobio-kill", "A mineradora brasileira assinou um contrato de fornecimento de nióbio com uma siderúrgica coreana.", "pt");
        var deal = Samples.Stored(article, Samples.Event(EventType.SupplyAgreement, "niobium", article.Text, seller: "Mineradora do Cerrado", destination: "KR"));
        await using (var blocker = await EventsBlocked(database.ConnectionString))
        {
            var ingest = store.IngestArticleAsync(article, [deal], CancellationToken.None);
            int? previous = null;
            var failure = default(PostgresStoreException);
            while (failure is null)
            {
                var attempt = await blocker.WaitForBlockedBackendAsync(except: previous, whileRunning: ingest);
                if (attempt is not { } pid)
                {
                    failure = await Assert.ThrowsAsync<PostgresStoreException>(() => ingest);
                    break;
                }

                await blocker.TerminateAsync(pid);
                previous = pid;
            }

            Assert.Contains(article.Id, failure.Message, StringComparison.Ordinal);
            Assert.Contains("after 4 attempts", failure.Message, StringComparison.Ordinal);
            Assert.Equal(0L, await blocker.CountArticlesAsync());
        }

        Assert.Equal(new StoreStatistics(0, 0, 0), await store.GetStatisticsAsync(CancellationToken.None));
        Assert.Equal(IngestOutcome.Added, await store.AddArticleAsync(article, [deal], CancellationToken.None));
        Assert.Equal(new StoreStatistics(0, 1, 1), await store.GetStatisticsAsync(CancellationToken.None));
    }

    // An admin session holding the events table so that an ingest waits inside its transaction, after its article row.
    private static async Task<Blocker> EventsBlocked(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var lockTable = new NpgsqlCommand("LOCK TABLE events IN EXCLUSIVE MODE", connection, transaction);
        await lockTable.ExecuteNonQueryAsync();
        return new Blocker(connection, transaction);
    }

    private sealed class Blocker(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        /// <summary>The pid of a backend waiting for a lock in this database (other than <paramref name="except"/>), or null once <paramref name="whileRunning"/> ended.</summary>
        public async Task<int?> WaitForBlockedBackendAsync(int? except, Task whileRunning)
        {
            while (!whileRunning.IsCompleted)
            {
                // The activity view is a snapshot held for the whole transaction unless cleared.
                await using (var clear = new NpgsqlCommand("SELECT pg_stat_clear_snapshot()", connection, transaction))
                {
                    await clear.ExecuteNonQueryAsync();
                }

                await using var find = new NpgsqlCommand(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid() AND pid <> $1",
                    connection,
                    transaction);
                find.Parameters.Add(new NpgsqlParameter<int> { TypedValue = except ?? 0 });
                if (await find.ExecuteScalarAsync() is int pid)
                {
                    return pid;
                }

                await Task.Delay(20);
            }

            return null;
        }

        public async Task TerminateAsync(int pid)
        {
            await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend($1)", connection, transaction);
            kill.Parameters.Add(new NpgsqlParameter<int> { TypedValue = pid });
            Assert.Equal(true, await kill.ExecuteScalarAsync());
        }

        public async Task<long> CountArticlesAsync()
        {
            await using var count = new NpgsqlCommand("SELECT count(*) FROM articles", connection, transaction);
            return (long)(await count.ExecuteScalarAsync())!;
        }

        public Task ReleaseAsync() => transaction.RollbackAsync();

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
