using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsPipeline.Alerts.Web;
using NewsPipeline.Core.Alerts;
using NewsPipeline.Core.Json;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Alerts.Tests;

/// <summary>The alert HTTP API as `serve` mounts it, on a real loopback Kestrel.</summary>
public sealed class EndpointTests
{
    [SkippableTheory]
    [MemberData(nameof(StoreBackends.Both), MemberType = typeof(StoreBackends))]
    public async Task Subscriptions_are_added_over_HTTP_with_every_error_reported_and_the_Atom_feed_lists_published_alerts(StoreBackend backend)
    {
        await using var harness = await AlertHarness.CreateAsync(backend);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IAlertStore>(harness.Store);
        builder.Services.AddSingleton(AlertHarness.Validator);
        builder.Services.AddSingleton<TimeProvider>(harness.Time);
        await using var app = builder.Build();
        app.MapAlertEndpoints<TestKeyGuard>();
        await app.StartAsync();
        var baseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        await using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient();

        // Writes pass the host's guard first (serve and run mount the endpoints behind their API-key check).
        var unkeyed = await client.PostAsJsonAsync(new Uri(baseUrl, "alerts/subscriptions"), new AlertSubscription { Name = "x" }, RecordJson.Options);
        Assert.Equal(HttpStatusCode.Unauthorized, unkeyed.StatusCode);
        client.DefaultRequestHeaders.Add(TestKeyGuard.Header, TestKeyGuard.Key);

        var invalid = await client.PostAsJsonAsync(new Uri(baseUrl, "alerts/subscriptions"), new AlertSubscription { Name = "", Rule = new AlertRule { Metals = ["adamantium"] } }, RecordJson.Options);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        using (var errors = JsonDocument.Parse(await invalid.Content.ReadAsStringAsync()))
        {
            Assert.Equal(3, errors.RootElement.GetProperty("errors").GetArrayLength()); // name, metal, no channel
        }

        var created = await client.PostAsJsonAsync(new Uri(baseUrl, "alerts/subscriptions"), new AlertSubscription
        {
            Name = "germanium-feed",
            Rule = new AlertRule { Metals = ["germanium"] },
            Channels = [new AlertChannel { Kind = AlertChannelKind.Atom }, AlertHarness.Webhook(new Uri("http://127.0.0.1:9/never"))],
        }, RecordJson.Options);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.DoesNotContain(AlertHarness.Secret, await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await harness.IngestAsync("https://de.example/ge", "de", "de-feed", "Umicore kauft 40 Tonnen Germanium von Saryarka Rare Metals.",
            AlertHarness.Deal("germanium", "Umicore", "Saryarka Rare Metals", 40, origin: "KZ", destination: "BE"));
        await harness.IngestAsync("https://zh.example/ge", "zh", "zh-feed", "云南锗业将向日本出口30吨锗。",
            AlertHarness.Deal("germanium", "Buyer JP", "Yunnan Germanium", 30, origin: "CN", destination: "JP"));
        await harness.Dispatcher.RunOnceAsync(CancellationToken.None);

        var feed = XDocument.Parse(await client.GetStringAsync(new Uri(baseUrl, "alerts/germanium-feed/atom")));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var entries = feed.Root!.Elements(atom + "entry").ToList();
        Assert.Equal(2, entries.Count);
        Assert.Contains(entries, e => e.Element(atom + "title")!.Value.Contains("Umicore ← Saryarka Rare Metals", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Elements(atom + "link").Any(l => (string?)l.Attribute("hreflang") == "zh"));
        Assert.All(entries, e => Assert.StartsWith("urn:newspipeline:alert:al-", e.Element(atom + "id")!.Value, StringComparison.Ordinal));

        var shown = await client.GetStringAsync(new Uri(baseUrl, "alerts/subscriptions/germanium-feed"));
        Assert.DoesNotContain(AlertHarness.Secret, shown, StringComparison.Ordinal);
        Assert.Contains("network error", shown, StringComparison.Ordinal); // the webhook channel's failed attempt is in the history

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(new Uri(baseUrl, "alerts/subscriptions/germanium-feed"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(baseUrl, "alerts/germanium-feed/atom"))).StatusCode);
        await app.StopAsync();
    }
}

/// <summary>Stands for the host's API-key filter: a write without the key is refused.</summary>
internal sealed class TestKeyGuard : IEndpointFilter
{
    public const string Header = "X-Api-Key";
    public const string Key = "test-key";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Request.Headers[Header] == Key ? next(context) : ValueTask.FromResult<object?>(Results.Unauthorized());
}
