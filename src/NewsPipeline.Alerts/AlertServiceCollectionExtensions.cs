using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NewsPipeline.Alerts.Channels;
using NewsPipeline.Alerts.Dispatch;

namespace NewsPipeline.Alerts;

public static class AlertServiceCollectionExtensions
{
    /// <summary>
    /// The dispatcher and every channel. Needs an <see cref="Core.Alerts.IAlertStore"/> registered (the LiteDB store
    /// registers one). The options are validated now. Add <see cref="AlertDispatcherService"/> as a hosted service
    /// where a long-running host should deliver.
    /// </summary>
    public static IServiceCollection AddNewsPipelineAlerts(this IServiceCollection services, AlertOptions options)
    {
        options.ThrowIfInvalid();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(Random.Shared);
        services.TryAddSingleton(new AlertConsole(Console.Out));
        services.AddSingleton(options);
        services.AddHttpClient(WebhookSender.HttpClientName);
        services.AddSingleton<IAlertChannelSender, WebhookSender>();
        services.AddSingleton<IAlertChannelSender, EmailSender>();
        services.AddSingleton<IAlertChannelSender, ConsoleSender>();
        services.AddSingleton<IAlertChannelSender, AtomSender>();
        services.AddSingleton<AlertDispatcher>();
        return services;
    }
}
