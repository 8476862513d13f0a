using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace NewsPipeline.Cli.Hosting;

/// <summary>Kestrel on 127.0.0.1 with a port the OS picks: nothing is exposed beyond this machine, nothing collides.</summary>
internal static class Loopback
{
    public static WebApplicationBuilder OnEphemeralPort(this WebApplicationBuilder builder)
    {
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        return builder;
    }

    /// <summary>The base URL the started server listens on, ending with a slash.</summary>
    public static Uri BoundAddress(this WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("the server reports no address; was it started?");
        return new Uri(address.TrimEnd('/') + "/");
    }
}
