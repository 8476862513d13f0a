using System.Globalization;
using Microsoft.Extensions.Logging;
using NewsPipeline.Alerts.Channels;
using NewsPipeline.Alerts.Payload;
using NewsPipeline.Core.Alerts;
using NewsPipeline.Core.Text;

namespace NewsPipeline.Alerts.Dispatch;

/// <summary>What one pass over the outbox did.</summary>
public sealed record DispatchPass(int Claimed, int Delivered, int Retrying, int Failed);

/// <summary>
/// Works the outbox: claims due deliveries, sends each alert (or a digest channel's alerts together), and records
/// every attempt. Delivery is at least once: a send whose result could not be recorded (the process died) is
/// sent again when its claim lapses, with the same idempotency key, which receivers use to drop the repeat.
/// </summary>
public sealed partial class AlertDispatcher
{
    private readonly IAlertStore store;
    private readonly IReadOnlyDictionary<Core.Alerts.AlertChannelKind, IAlertChannelSender> senders;
    private readonly TimeProvider time;
    private readonly AlertOptions options;
    private readonly RetrySchedule retries;
    private readonly ILogger<AlertDispatcher> logger;

    public AlertDispatcher(IAlertStore store, IEnumerable<IAlertChannelSender> senders, TimeProvider time, AlertOptions options, Random random, ILogger<AlertDispatcher> logger)
    {
        options.ThrowIfInvalid();
        this.store = store;
        this.senders = senders.ToDictionary(s => s.Kind);
        this.time = time;
        this.options = options;
        retries = new RetrySchedule(options, random);
        this.logger = logger;
    }

    /// <summary>Passes until nothing due is left (one claim batch at a time).</summary>
    public async Task<DispatchPass> RunUntilIdleAsync(CancellationToken cancellationToken)
    {
        var total = new DispatchPass(0, 0, 0, 0);
        while (true)
        {
            var pass = await RunOnceAsync(cancellationToken);
            total = new DispatchPass(total.Claimed + pass.Claimed, total.Delivered + pass.Delivered, total.Retrying + pass.Retrying, total.Failed + pass.Failed);
            if (pass.Claimed < options.BatchSize)
            {
                return total;
            }
        }
    }

    public async Task<DispatchPass> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var claimed = await store.ClaimDueDeliveriesAsync(now, now + options.ClaimLease, options.BatchSize, cancellationToken);
        int delivered = 0, retrying = 0, failed = 0;
        var subscriptions = new Dictionary<string, AlertSubscription?>(StringComparer.Ordinal);
        foreach (var unit in Units(claimed, await Subscriptions(claimed, subscriptions, cancellationToken)))
        {
            var state = await SendAsync(unit, cancellationToken);
            switch (state)
            {
                case DeliveryState.Delivered: delivered += unit.Deliveries.Count; break;
                case DeliveryState.Pending: retrying += unit.Deliveries.Count; break;
                default: failed += unit.Deliveries.Count; break;
            }
        }

        return new DispatchPass(claimed.Count, delivered, retrying, failed);
    }

    private async Task<IReadOnlyDictionary<string, AlertSubscription?>> Subscriptions(
        IReadOnlyList<AlertDelivery> claimed, Dictionary<string, AlertSubscription?> cache, CancellationToken cancellationToken)
    {
        foreach (var name in claimed.Select(d => d.Subscription).Distinct(StringComparer.Ordinal))
        {
            cache[name] = await store.GetSubscriptionAsync(name, cancellationToken);
        }

        return cache;
    }

    // Immediate subscriptions: one unit per delivery. Digest subscriptions: one unit per channel with every due alert.
    private static IEnumerable<SendUnit> Units(IReadOnlyList<AlertDelivery> claimed, IReadOnlyDictionary<string, AlertSubscription?> subscriptions)
    {
        foreach (var group in claimed.GroupBy(d => (d.Subscription, d.Channel)))
        {
            var subscription = subscriptions[group.Key.Subscription];
            if (subscription?.Mode == AlertMode.Digest)
            {
                yield return new SendUnit(subscription, group.ToList());
            }
            else
            {
                foreach (var delivery in group)
                {
                    yield return new SendUnit(subscription, [delivery]);
                }
            }
        }
    }

    private async Task<DeliveryState> SendAsync(SendUnit unit, CancellationToken cancellationToken)
    {
        var first = unit.Deliveries[0];
        var key = unit.Deliveries.Count == 1
            ? first.AlertId
            : "dg-" + ContentHash.ShortId(string.Join('|', unit.Deliveries.Select(d => d.AlertId).Order(StringComparer.Ordinal)));
        var channel = unit.Subscription is { } s && first.Channel < s.Channels.Count ? s.Channels[first.Channel] : null;
        DeliveryResult result;
        if (unit.Subscription is null || channel is null)
        {
            result = new DeliveryResult(DeliveryVerdict.Permanent, "the subscription or channel no longer exists");
        }
        else if (channel.DisabledReason is not null)
        {
            result = new DeliveryResult(DeliveryVerdict.Permanent, "channel disabled: " + channel.DisabledReason);
        }
        else
        {
            var alerts = unit.Deliveries.Select(AlertPayload.Of).ToList();
            result = await senders[channel.Kind].SendAsync(unit.Subscription, channel, alerts, key, cancellationToken);
        }

        var now = time.GetUtcNow();
        var attempt = new DeliveryAttempt(now, result.Verdict == DeliveryVerdict.Delivered, result.Outcome);
        var state = DeliveryState.Failed;
        foreach (var delivery in unit.Deliveries)
        {
            var failures = delivery.Attempts.Count(a => !a.Succeeded) + 1;
            (state, var next) = result.Verdict switch
            {
                DeliveryVerdict.Delivered => (DeliveryState.Delivered, now),
                DeliveryVerdict.Retry when now + retries.Wait(failures) is var due && due - delivery.CreatedAt <= options.GiveUpAfter => (DeliveryState.Pending, due),
                _ => (DeliveryState.Failed, now),
            };
            await store.RecordAttemptAsync(delivery.Id, attempt, state, next, cancellationToken);
            Log(delivery, state, result, next);
        }

        if (result.Verdict == DeliveryVerdict.DisableChannel && unit.Subscription is { } owner)
        {
            LogChannelDisabled(logger, owner.Name, first.Channel, result.Outcome);
            await store.DisableChannelAsync(owner.Name, first.Channel, result.Outcome, now, cancellationToken);
        }

        return state;
    }

    private void Log(AlertDelivery delivery, DeliveryState state, DeliveryResult result, DateTimeOffset next)
    {
        switch (state)
        {
            case DeliveryState.Delivered:
                LogDelivered(logger, delivery.AlertId, delivery.Subscription, delivery.Channel, result.Outcome);
                break;
            case DeliveryState.Pending:
                LogRetry(logger, delivery.AlertId, delivery.Subscription, delivery.Channel, result.Outcome, next.ToString("O", CultureInfo.InvariantCulture));
                break;
            default:
                LogFailed(logger, delivery.AlertId, delivery.Subscription, delivery.Channel, result.Outcome);
                break;
        }
    }

    private sealed record SendUnit(AlertSubscription? Subscription, IReadOnlyList<AlertDelivery> Deliveries);

    [LoggerMessage(EventId = 8101, Level = LogLevel.Information, Message = "Alert {AlertId} delivered to subscription {Subscription} channel {Channel}: {Outcome}")]
    private static partial void LogDelivered(ILogger logger, string alertId, string subscription, int channel, string outcome);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Warning, Message = "Alert {AlertId} for subscription {Subscription} channel {Channel} not delivered ({Outcome}); retry at {NextAttempt}")]
    private static partial void LogRetry(ILogger logger, string alertId, string subscription, int channel, string outcome, string nextAttempt);

    [LoggerMessage(EventId = 8103, Level = LogLevel.Error, Message = "Alert {AlertId} for subscription {Subscription} channel {Channel} failed for good: {Outcome}")]
    private static partial void LogFailed(ILogger logger, string alertId, string subscription, int channel, string outcome);

    [LoggerMessage(EventId = 8104, Level = LogLevel.Warning, Message = "Subscription {Subscription} channel {Channel} disabled: {Reason}")]
    private static partial void LogChannelDisabled(ILogger logger, string subscription, int channel, string reason);
}
