using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Cli.Worker;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Extraction;
using NewsPipeline.Ingestion;
using NewsPipeline.Storage.Postgres.Coordination;
using NewsPipeline.TestSupport;
using Npgsql;
using Xunit;

namespace NewsPipeline.Cli.Tests;

/// <summary>The worker's pass over a PostgreSQL store, where its leases and host turns expire unless renewed.</summary>
public sealed class SharedStoreWorkerTests
{
    private const string Page = """
        <!doctype html><html lang="pt"><head><meta charset="utf-8"><title>Contrato de grafite</title></head><body><article><h1>Contrato de grafite</h1>
        <p>A Grafite do Norte SA vai fornecer 8 mil toneladas de grafite por ano à Hanse Batterien GmbH a partir de 2027, segundo as duas empresas.</p>
        <p>O contrato tem duração de quatro anos e os embarques sairão do porto de Salvador, na Bahia.</p></article></body></html>
        """;

    [SkippableFact]
    public async Task A_poll_slower_than_the_lease_keeps_its_feed_and_its_host_turn_until_it_ends()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var feedAsked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            var baseUrl = $"http://{context.Request.Host}/";
            string body;
            if (context.Request.Path.Value == "/slow.xml")
            {
                feedAsked.TrySetResult();
                await answer.Task;
                context.Response.ContentType = "application/rss+xml";
                body = $"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Grafite</title><link>{baseUrl}</link><description>d</description><item><title>Grafite</title><link>{baseUrl}grafite.html</link><guid>grafite-1</guid></item></channel></rss>""";
            }
            else
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                body = Page;
            }

            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body));
        });
        var worker = new WorkerOptions { WorkerId = "slow-worker", LeaseDuration = TimeSpan.FromSeconds(1), MinimumHostGap = TimeSpan.FromMilliseconds(100) };
        var settings = new PipelineSettings(StoreSettings.For(database.ConnectionString, migrateOnStart: true), new IngestionOptions { RequestTimeout = TimeSpan.FromSeconds(30) }, worker, ArticleAnalyzer.DefaultModelsDirectory);
        await using var provider = new ServiceCollection().AddLogging().AddNewsPipeline(settings).BuildServiceProvider();
        var host = server.BaseUrl.IdnHost;
        FeedDefinition[] feeds = [new("pt-grafite", server.Url("slow.xml"), "pt", TimeSpan.FromHours(1))];
        var other = new PostgresPollCoordinator(provider.GetRequiredService<NpgsqlDataSource>(), worker.Coordination with { WorkerId = "other-worker" });

        var pass = provider.GetRequiredService<IngestCycle>().RunAsync(feeds, onlyDue: true, CancellationToken.None);
        await feedAsked.Task.WaitAsync(TimeSpan.FromSeconds(60));
        // Three lease durations: without renewal the lease and the turn would both have lapsed by now.
        await Task.Delay(worker.LeaseDuration * 3);
        var claimedMeanwhile = await other.ClaimFeedsAsync([new FeedClaim("pt-grafite", host)], 1, 1, CancellationToken.None);
        var turnMeanwhile = await other.TryTakeHostTurnAsync(host, honourBackoff: true, CancellationToken.None);
        answer.SetResult();
        var report = await pass;

        Assert.Empty(claimedMeanwhile);
        Assert.Null(turnMeanwhile.Turn);
        Assert.Equal(1, Assert.Single(report.Feeds).Added);
        var snapshot = await other.DescribeAsync(CancellationToken.None);
        Assert.Empty(snapshot.LeasedFeedsByWorker);
        Assert.Equal(0, snapshot.ExpiredLeases);
        var after = Assert.Single(await other.ClaimFeedsAsync([new FeedClaim("pt-grafite", host)], 1, 1, CancellationToken.None));
        Assert.Null(after.TakenOverFrom);
    }
}
