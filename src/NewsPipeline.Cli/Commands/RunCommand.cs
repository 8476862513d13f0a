using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Cli.Worker;
using NewsPipeline.Core.Storage;
using NewsPipeline.Storage;
using NewsPipeline.Storage.LiteDb;
using NewsPipeline.Web;

namespace NewsPipeline.Cli.Commands;

/// <summary>`run`: the worker (Generic Host) polling feeds until SIGTERM/Ctrl+C, or one cycle with --once.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var feeds = new Option<FileInfo>("--feeds") { Description = "Feed list (default: ./feeds.json)", DefaultValueFactory = _ => new FileInfo("feeds.json") };
        var store = CommonOptions.Store();
        var migrate = CommonOptions.Migrate();
        var once = new Option<bool>("--once") { Description = "Run one cycle over every feed, then exit" };
        var urls = new Option<string?>("--urls") { Description = "Also serve the analysts' API and page here (e.g. http://127.0.0.1:5080); default: a private loopback port" };
        var workerId = new Option<string?>("--worker-id") { Description = "This worker's name in feed leases and logs (default: <hostname>:<pid>); unique per live worker" };
        var lease = DurationOption.Create("--lease", "How long a claimed feed stays this worker's without renewal when workers share a server store; default 2m");
        var hostGap = DurationOption.Create("--host-gap", "Least time from the end of one poll of a host to the start of the next, across every worker sharing the store; default 10s");
        var alertClaim = DurationOption.Create("--alert-claim", "How long a claimed alert is reserved for this worker's dispatcher; when the worker dies, another sends it after this; default 2m, longer than --alert-send-timeout");
        var alertSendTimeout = DurationOption.Create("--alert-send-timeout", "Limit for one webhook request or SMTP session; default 30s");
        var command = new Command("run", "Poll the feeds on their schedule and store articles and events")
        {
            feeds, store, migrate, once, urls, workerId, lease, hostGap, alertClaim, alertSendTimeout,
        };
        CommandRunner.SetBody(command, async (parse, cancellationToken) =>
        {
            var definitions = await FeedList.LoadAsync(parse.GetValue(feeds)!, cancellationToken);
            var settings = PipelineSettings.Default(CommonOptions.ReadStore(parse, store, migrate));
            settings = settings with
            {
                Worker = WorkerFlags(settings.Worker, parse.GetValue(workerId), parse.GetValue(lease), parse.GetValue(hostGap)),
                Alerts = settings.Alerts with
                {
                    ClaimLease = parse.GetValue(alertClaim) ?? settings.Alerts.ClaimLease,
                    SendTimeout = parse.GetValue(alertSendTimeout) ?? settings.Alerts.SendTimeout,
                },
            };
            var report = await RunWorkerAsync(settings, new WorkerPlan(definitions, parse.GetValue(once)), parse.GetValue(urls), cancellationToken);
            if (report is not null)
            {
                await Console.Error.WriteLineAsync(
                    $"cycle: {report.Feeds.Count} feeds, {report.Added} articles added, {report.Known} already known, {report.Failed} failed, {report.Events} events, {report.FeedFailures} feeds failed");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static WorkerOptions WorkerFlags(WorkerOptions defaults, string? workerId, TimeSpan? lease, TimeSpan? hostGap) => defaults with
    {
        WorkerId = workerId ?? defaults.WorkerId,
        LeaseDuration = lease ?? defaults.LeaseDuration,
        MinimumHostGap = hostGap ?? defaults.MinimumHostGap,
    };

    /// <summary>
    /// Hosts the worker together with the analysts' API (on <paramref name="urls"/>, else a private loopback
    /// port), publishing its URL in the store's lock so that `query` and `export` in another process ask this
    /// one. Returns the last cycle's report.
    /// </summary>
    public static async Task<CycleReport?> RunWorkerAsync(PipelineSettings settings, WorkerPlan plan, string? urls, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        if (urls is null)
        {
            builder.OnEphemeralPort();
        }
        else
        {
            builder.WebHost.UseUrls(urls);
        }

        // Our own lines name the feed and the reason of every failure; the framework's per-request lines
        // (with stack traces for a refused connection) would bury them.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddNewsPipeline(settings);
        builder.Services.AddNewsPipelineWeb(new WebOptions { Urls = urls ?? WebOptions.DefaultUrls });
        builder.Services.AddSingleton(plan);
        builder.Services.AddSingleton<PollingWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PollingWorker>());
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        await using var app = builder.Build();
        app.MapNewsPipelineApi();
        // Opening the store takes its lock before anything listens, so a second owner fails early and clearly.
        var store = app.Services.GetRequiredService<IPipelineStore>();
        await app.StartAsync(cancellationToken);
        // Only the embedded store needs this: a server backend is shared by design.
        (store as LiteDbPipelineStore)?.PublishServiceUrl(app.BoundAddress().ToString());
        await app.WaitForShutdownAsync(cancellationToken);
        return app.Services.GetRequiredService<PollingWorker>().LastCycle;
    }
}
