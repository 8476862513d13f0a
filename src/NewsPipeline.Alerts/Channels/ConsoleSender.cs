using Microsoft.Extensions.Logging;
using NewsPipeline.Alerts.Payload;
using NewsPipeline.Core.Alerts;

namespace NewsPipeline.Alerts.Channels;

/// <summary>Where the console channel writes: standard output in the worker, a captured writer in the demo and tests.</summary>
public sealed record AlertConsole(TextWriter Writer);

/// <summary>Prints each alert and logs it (event 8201), so a worker's log is an audit trail too.</summary>
public sealed partial class ConsoleSender(AlertConsole console, ILogger<ConsoleSender> logger) : IAlertChannelSender
{
    public AlertChannelKind Kind => AlertChannelKind.Console;

    public async Task<DeliveryResult> SendAsync(AlertSubscription subscription, AlertChannel channel, IReadOnlyList<AlertPayload> alerts, string idempotencyKey, CancellationToken cancellationToken)
    {
        foreach (var alert in alerts)
        {
            LogAlert(logger, subscription.Name, alert.AlertId, AlertText.Headline(alert));
            await console.Writer.WriteLineAsync($"ALERT [{subscription.Name}] {AlertText.Headline(alert)}".AsMemory(), cancellationToken);
            foreach (var source in alert.Sources)
            {
                await console.Writer.WriteLineAsync($"      [{source.Language}] {source.Title ?? source.Url} <{source.Url}>".AsMemory(), cancellationToken);
            }
        }

        await console.Writer.FlushAsync(cancellationToken);
        return DeliveryResult.Delivered("printed");
    }

    [LoggerMessage(EventId = 8201, Level = LogLevel.Information, Message = "Alert {AlertId} for subscription {Subscription}: {Headline}")]
    private static partial void LogAlert(ILogger logger, string subscription, string alertId, string headline);
}

/// <summary>
/// The Atom channel is read, not pushed: the feed at <c>/alerts/{subscription}/atom</c> lists the subscription's
/// alerts, so delivering only marks the row as published.
/// </summary>
public sealed class AtomSender : IAlertChannelSender
{
    public AlertChannelKind Kind => AlertChannelKind.Atom;

    public Task<DeliveryResult> SendAsync(AlertSubscription subscription, AlertChannel channel, IReadOnlyList<AlertPayload> alerts, string idempotencyKey, CancellationToken cancellationToken) =>
        Task.FromResult(DeliveryResult.Delivered("published to the Atom feed"));
}
