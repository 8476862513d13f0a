using NewsPipeline.Core.Alerts;

namespace NewsPipeline.Alerts.Channels;

/// <summary>What the dispatcher does after a send.</summary>
public enum DeliveryVerdict
{
    Delivered,
    /// <summary>Try again later (network error, 5xx, 408, 429, SMTP 4xx).</summary>
    Retry,
    /// <summary>The receiver refused this alert for good (4xx, SMTP 5xx): recorded, never retried.</summary>
    Permanent,
    /// <summary>The receiver is gone (410): the channel is switched off.</summary>
    DisableChannel,
}

public sealed record DeliveryResult(DeliveryVerdict Verdict, string Outcome)
{
    public static DeliveryResult Delivered(string outcome) => new(DeliveryVerdict.Delivered, outcome);
}

/// <summary>One channel kind. <paramref name="alerts"/> holds one alert, or a digest period's alerts for one channel.</summary>
public interface IAlertChannelSender
{
    AlertChannelKind Kind { get; }

    Task<DeliveryResult> SendAsync(AlertSubscription subscription, AlertChannel channel, IReadOnlyList<Payload.AlertPayload> alerts, string idempotencyKey, CancellationToken cancellationToken);
}
