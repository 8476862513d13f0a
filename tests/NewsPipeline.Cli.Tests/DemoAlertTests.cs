using NewsPipeline.Cli.Commands;
using NewsPipeline.Cli.Demo;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Cli.Worker;
using NewsPipeline.Core.Alerts;
using NewsPipeline.Storage;
using NewsPipeline.Storage.LiteDb;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Cli.Tests;

/// <summary>`demo` subscribes to gallium and germanium supply deals and prints each alert once, across runs.</summary>
public sealed class DemoAlertTests
{
    [Fact]
    public async Task Demo_fires_one_alert_for_the_Mitsubishi_Kazakhstan_gallium_deal_and_none_on_a_second_run()
    {
        using var temp = new TempDirectory();
        var db = new FileInfo(temp.File("demo.db"));

        var first = new StringWriter();
        await DemoCommand.RunAsync(StoreSettings.For(db.FullName), verbose: false, first, CancellationToken.None);
        var second = new StringWriter();
        await DemoCommand.RunAsync(StoreSettings.For(db.FullName), verbose: false, second, CancellationToken.None);

        var alerts = first.ToString().Split('\n').Where(l => l.StartsWith("ALERT [" + DemoSubscription.Name + "]", StringComparison.Ordinal)).ToList();
        var gallium = Assert.Single(alerts, l => l.Contains("supply_agreement, gallium,", StringComparison.Ordinal));
        Assert.Contains("supply_agreement, gallium, Mitsubishi Corporation RtM Japan ← Aluminium of Kazakhstan, 15 t/year, KZ → JP", gallium, StringComparison.Ordinal);
        Assert.All(alerts, l => Assert.Matches("supply_agreement, (gallium|germanium)", l));
        Assert.DoesNotContain("ALERT", second.ToString(), StringComparison.Ordinal);

        using var store = LiteDbPipelineStore.Open(new LiteDbStoreOptions { DatabasePath = db.FullName }, TimeProvider.System);
        var deliveries = await store.ListDeliveriesAsync(DemoSubscription.Name, 1000, CancellationToken.None);
        Assert.Equal(alerts.Count, deliveries.Select(d => d.AlertId).Distinct().Count());
        Assert.All(deliveries, d => Assert.Equal(DeliveryState.Delivered, d.State));
    }

    [Fact]
    public async Task Run_once_stores_the_alert_with_the_deal_and_delivers_it_to_a_webhook_before_exiting()
    {
        using var temp = new TempDirectory();
        var db = temp.File("run.db");
        var bodies = new List<string>();
        await using var receiver = await LoopbackServer.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            lock (bodies)
            {
                bodies.Add(body);
            }
        });
        using (var store = LiteDbPipelineStore.Open(new LiteDbStoreOptions { DatabasePath = db }, TimeProvider.System))
        {
            await store.SaveSubscriptionAsync(
                new AlertSubscription
                {
                    Name = "kz-gallium",
                    Rule = new AlertRule { Metals = ["gallium"], Countries = ["KZ"], CountryRole = CountryRole.Origin, Types = [Core.Extraction.EventType.SupplyAgreement] },
                    Channels = [new AlertChannel { Kind = AlertChannelKind.Webhook, Url = receiver.Url("/hook").AbsoluteUri, Secret = "0123456789abcdef-secret" }],
                },
                CancellationToken.None);
        }

        var corpus = new DemoCorpus();
        await using var server = await DemoServer.StartAsync(corpus, CancellationToken.None);
        await RunCommand.RunWorkerAsync(PipelineSettings.Default(db), new WorkerPlan(corpus.Feeds(server.BaseUrl), true), urls: null, CancellationToken.None);

        var alert = Assert.Single(bodies);
        Assert.Contains("\"buyer\":\"Mitsubishi Corporation RtM Japan\"", alert, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"new\"", alert, StringComparison.Ordinal);
    }
}
