using System.Diagnostics;
using System.Text;
using NewsPipeline.Storage;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Cli.Tests;

/// <summary>`run` as a real child process: polls, serves queries while it owns the store, stops on SIGTERM.</summary>
public sealed class RunCommandTests
{
    private const string KazakhPage = """
        <!doctype html><html lang="kk"><head><meta charset="utf-8"><title>Галлий экспорты | Дала металдары</title></head>
        <body><nav><a href="/">Басты бет</a></nav><article><h1>Галлий экспорты</h1>
        <p>Павлодардағы «Қазақ Галлий» ЖШС 2027 жылдан бастап жылына 9 тонна галлийді Жапонияға жеткізеді, деп хабарлады компания.</p>
        <p>Келісімшарт бес жылға жасалды. Металл алюминий өндірісінің қосалқы өнімі ретінде алынады.</p>
        </article><footer>Барлық құқықтар қорғалған</footer></body></html>
        """;

    [Fact]
    public async Task Run_serves_queries_while_it_holds_the_store_and_stops_cleanly_on_sigterm()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            var baseUrl = $"http://{context.Request.Host}/";
            var (type, body) = context.Request.Path.Value == "/feed.xml"
                ? ("application/rss+xml", $"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Дала</title><link>{baseUrl}</link><description>d</description><language>kk</language><item><title>Галлий</title><link>{baseUrl}kk-gallium.html</link><guid>kk-1</guid></item></channel></rss>")
                : ("text/html; charset=utf-8", KazakhPage);
            context.Response.ContentType = type;
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body));
        });
        using var temp = new TempDirectory();
        await File.WriteAllTextAsync(temp.File("feeds.json"), $$"""{"feeds":[{"name":"Дала металдары","url":"{{server.Url("feed.xml")}}","language":"kk","interval":"00:10:00"}]}""");
        var db = temp.File("data/store.db");

        using var run = StartRun(temp.Path, "run", "--feeds", "feeds.json", "--db", db);
        try
        {
            var owner = await WaitForAsync(() => StoreLock.TryReadOwner(db) is { ServiceUrl: not null } o ? o : null);
            Assert.Equal(run.Id, owner.Pid);
            await WaitForAsync(() => server.Requests.Any(r => r.PathAndQuery == "/kk-gallium.html") ? "fetched" : null);

            var query = await CliProcess.RunAsync(temp.Path, "query", "--db", db, "--format", "csv");

            Assert.Equal(0, query.ExitCode);
            Assert.Contains($"held by process {run.Id}", query.StandardError, StringComparison.Ordinal);
            Assert.StartsWith("id,type,metal", query.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            using var kill = Process.Start("kill", ["-TERM", run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await run.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, run.ExitCode);
        Assert.Null(StoreLock.TryReadOwner(db));
    }

    private static Process StartRun(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "newspipeline.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        // Drain the pipes so the child never blocks on a full buffer.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> probe)
        where T : class
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
        }
    }
}
