using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Search;
using NewsPipeline.Storage.Postgres;
using NewsPipeline.Storage.Postgres.Coordination;
using NewsPipeline.TestSupport;
using Npgsql;
using Xunit;

namespace NewsPipeline.Web.Tests;

/// <summary>/health of an API process over the shared PostgreSQL store: database, schema and the workers' leases.</summary>
public sealed class HealthTests
{
    [SkippableFact]
    public async Task Health_reports_the_schema_the_leases_per_worker_a_dead_workers_leases_and_hosts_backing_off_then_503_when_the_database_is_gone()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddPostgresPipelineStore(new PostgresStoreOptions { ConnectionString = database.ConnectionString, MigrateOnStart = true });
        builder.Services.AddPostgresSearch(RepositoryPaths.Models);
        builder.Services.AddPostgresCoordination(new PollCoordinationOptions { WorkerId = "api" });
        builder.Services.AddNewsPipelineWeb(new WebOptions());
        await using var app = builder.Build();
        app.MapNewsPipelineApi();
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

        var source = app.Services.GetRequiredService<NpgsqlDataSource>();
        var alive = new PostgresPollCoordinator(source, new PollCoordinationOptions { WorkerId = "worker-astana" });
        var dead = new PostgresPollCoordinator(source, new PollCoordinationOptions { WorkerId = "worker-lyon" });
        await alive.ClaimFeedsAsync([new("kk-uran", "kazmetal.example"), new("ru-med", "rudnik.example")], 5, 5, CancellationToken.None);
        await dead.ClaimFeedsAsync([new("fr-nickel", "metaux.example")], 5, 5, CancellationToken.None);
        await ExecuteAsync(source, "UPDATE feed_leases SET leased_until = now() - interval '5 seconds' WHERE worker_id = 'worker-lyon'");
        var turn = (await alive.TryTakeHostTurnAsync("youse.example", true, CancellationToken.None)).Turn!;
        await alive.EndHostTurnAsync(turn, hostFault: true, retryAfter: TimeSpan.FromMinutes(3), CancellationToken.None);

        using var healthy = await client.GetAsync(new Uri("/health", UriKind.Relative));
        var body = JsonDocument.Parse(await healthy.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.Equal("postgresql", body.GetProperty("store").GetString());
        Assert.True(body.GetProperty("database").GetProperty("reachable").GetBoolean());
        Assert.True(body.GetProperty("database").GetProperty("schema_version").GetInt32() >= 4);
        var leases = body.GetProperty("leases");
        Assert.Equal(2, leases.GetProperty("feeds_by_worker").GetProperty("worker-astana").GetInt32());
        Assert.False(leases.GetProperty("feeds_by_worker").TryGetProperty("worker-lyon", out _));
        Assert.Equal(1, leases.GetProperty("expired").GetInt32());
        var backoff = Assert.Single(leases.GetProperty("hosts_in_backoff").EnumerateArray());
        Assert.Equal("youse.example", backoff.GetProperty("host").GetString());
        Assert.InRange(backoff.GetProperty("seconds_left").GetDouble(), 100, 180);

        // The database goes away under the running API (dropped here; a stopped server looks the same).
        await database.DisposeAsync();
        using var gone = await client.GetAsync(new Uri("/health", UriKind.Relative));
        var down = JsonDocument.Parse(await gone.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, gone.StatusCode);
        Assert.Equal("unavailable", down.GetProperty("status").GetString());
        Assert.False(down.GetProperty("database").GetProperty("reachable").GetBoolean());
        Assert.False(string.IsNullOrEmpty(down.GetProperty("database").GetProperty("problem").GetString()));
        await app.StopAsync();
    }

    private static async Task ExecuteAsync(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
