using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsPipeline.Cli.Hosting;

namespace NewsPipeline.Web.BrowserTests;

/// <summary>The API and the analysts' page over a store file, on 127.0.0.1 with a port the OS picks.</summary>
internal sealed class WebSite : IAsyncDisposable
{
    private readonly WebApplication app;

    private WebSite(WebApplication app, Uri baseUrl, ServerErrorLog errors)
    {
        this.app = app;
        BaseUrl = baseUrl;
        Errors = errors;
    }

    public Uri BaseUrl { get; }

    /// <summary>Error-level log lines of the server (unhandled exceptions included).</summary>
    public ServerErrorLog Errors { get; }

    public static async Task<WebSite> StartAsync(string databasePath)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var errors = new ServerErrorLog();
        builder.Logging.ClearProviders().AddProvider(errors);
        // The composition `newspipeline serve` uses.
        builder.Services.AddNewsPipeline(PipelineSettings.Default(databasePath)).AddNewsPipelineWeb(new WebOptions());
        var app = builder.Build();
        app.MapNewsPipelineApi();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebSite(app, new Uri(address.TrimEnd('/') + "/"), errors);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
