using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Alerts;
using NewsPipeline.Core.Storage;

namespace NewsPipeline.Cli.Hosting;

/// <summary>
/// The store alone, on whichever backend the settings name, for commands that read or edit a few records
/// (alerts, feeds resume, store copy). Opening it takes the LiteDB file's lock or checks the PostgreSQL schema,
/// so a store that cannot be used fails here, before any work starts.
/// </summary>
internal sealed class StoreAccess : IAsyncDisposable, IDisposable
{
    private readonly ServiceProvider services;

    private StoreAccess(ServiceProvider services)
    {
        this.services = services;
        Pipeline = services.GetRequiredService<IPipelineStore>();
        Analyst = services.GetRequiredService<IAnalystStore>();
        Alerts = services.GetRequiredService<IAlertStore>();
    }

    public IPipelineStore Pipeline { get; }

    public IAnalystStore Analyst { get; }

    public IAlertStore Alerts { get; }

    public static StoreAccess Open(StoreSettings settings, TimeProvider time)
    {
        var services = new ServiceCollection()
            .AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(time)
            .AddStoreOnly(settings)
            .BuildServiceProvider();
        try
        {
            return new StoreAccess(services);
        }
        catch
        {
            services.Dispose();
            throw;
        }
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();

    public void Dispose() => services.Dispose();
}
