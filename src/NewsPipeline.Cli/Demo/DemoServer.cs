using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NewsPipeline.Cli.Hosting;

namespace NewsPipeline.Cli.Demo;

/// <summary>Serves the embedded demo corpus on 127.0.0.1 with an ephemeral port, as a publisher would.</summary>
public sealed class DemoServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private DemoServer(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<DemoServer> StartAsync(DemoCorpus corpus, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.OnEphemeralPort();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        Uri? baseUrl = null;
        app.Run(async context =>
        {
            var path = context.Request.Path.Value?.TrimStart('/') ?? "";
            var body = corpus.Read(path, baseUrl!);
            if (body is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            context.Response.ContentType = ContentTypeOf(path);
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        });
        await app.StartAsync(cancellationToken);
        baseUrl = app.BoundAddress();
        return new DemoServer(app, baseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static string ContentTypeOf(string path) => Path.GetExtension(path) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".json" => "application/feed+json; charset=utf-8",
        ".rdf" => "application/rdf+xml; charset=utf-8",
        _ when path.EndsWith(".atom.xml", StringComparison.Ordinal) => "application/atom+xml; charset=utf-8",
        _ when path.EndsWith(".rss.xml", StringComparison.Ordinal) => "application/rss+xml; charset=utf-8",
        _ => "application/xml; charset=utf-8",
    };
}
