namespace NewsPipeline.Core.Alerts;

/// <summary>
/// Subscriptions and the alert outbox. The outbox rows themselves are written by the store's ingest transaction
/// (see <see cref="AlertPlanner"/>); this interface manages subscriptions and lets the dispatcher work the outbox.
/// </summary>
public interface IAlertStore
{
    /// <summary>Adds or replaces the subscription of that name.</summary>
    Task SaveSubscriptionAsync(AlertSubscription subscription, CancellationToken cancellationToken);

    Task<AlertSubscription?> GetSubscriptionAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<AlertSubscription>> ListSubscriptionsAsync(CancellationToken cancellationToken);

    /// <summary>Removes the subscription and its pending deliveries; its delivery history goes with it.</summary>
    Task<bool> RemoveSubscriptionAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Pending deliveries due at <paramref name="now"/>, oldest first. Each is leased: its due time moves to
    /// <paramref name="leaseUntil"/> in the same write, so a second dispatcher loop does not take it while it is being
    /// sent, and a process that dies mid-send retries it when the lease ends.
    /// </summary>
    Task<IReadOnlyList<AlertDelivery>> ClaimDueDeliveriesAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken);

    /// <summary>Records one attempt: the new state, and the next due time when still pending.</summary>
    Task RecordAttemptAsync(string deliveryId, DeliveryAttempt attempt, DeliveryState state, DateTimeOffset nextDue, CancellationToken cancellationToken);

    /// <summary>Switches a channel off (a webhook answered 410 Gone) and fails its pending deliveries.</summary>
    Task DisableChannelAsync(string subscription, int channel, string reason, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>A subscription's deliveries, newest first.</summary>
    Task<IReadOnlyList<AlertDelivery>> ListDeliveriesAsync(string subscription, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> outbox rows of every subscription and state, in ordinal id order after
    /// <paramref name="afterId"/> (null: from the start): the whole outbox, page by page, for `store copy`.
    /// </summary>
    Task<IReadOnlyList<AlertDelivery>> ListOutboxAsync(string? afterId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Writes outbox rows exactly as given (state, attempts, due time and later sources kept), in one transaction,
    /// skipping any whose id is already present, so that repeating it is harmless. Moves an outbox between stores;
    /// the ingest path writes rows through <see cref="AlertPlanner"/> instead.
    /// </summary>
    Task ImportDeliveriesAsync(IReadOnlyList<AlertDelivery> deliveries, CancellationToken cancellationToken);
}
