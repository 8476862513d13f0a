using JsonSerializer = System.Text.Json.JsonSerializer;
using LiteDB;
using NewsPipeline.Core.Alerts;
using NewsPipeline.Core.Json;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Stories;

namespace NewsPipeline.Storage.LiteDb;

/// <summary>Subscriptions and the alert outbox, in the same file and on the same thread as the events.</summary>
public sealed partial class LiteDbPipelineStore : IAlertStore
{
    private static readonly string Pending = JsonName(DeliveryState.Pending);

    // Read on every stored event, changed rarely: kept decoded between changes. Only the store thread touches it.
    private List<AlertSubscription>? subscriptionCache;

    public Task SaveSubscriptionAsync(AlertSubscription subscription, CancellationToken cancellationToken)
    {
        var document = new SubscriptionDocument { Id = subscription.Name, Json = JsonSerializer.Serialize(subscription, RecordJson.Options) };
        return worker.RunAsync(
            () =>
            {
                subscriptionCache = null;
                return subscriptions.Upsert(document);
            },
            cancellationToken);
    }

    public Task<AlertSubscription?> GetSubscriptionAsync(string name, CancellationToken cancellationToken) =>
        worker.RunAsync(() => subscriptions.FindById(name) is { } document ? ToSubscription(document) : null, cancellationToken);

    public Task<IReadOnlyList<AlertSubscription>> ListSubscriptionsAsync(CancellationToken cancellationToken) =>
        worker.RunAsync<IReadOnlyList<AlertSubscription>>(AllSubscriptions, cancellationToken);

    public Task<bool> RemoveSubscriptionAsync(string name, CancellationToken cancellationToken) =>
        worker.RunAsync(
            () =>
            {
                subscriptionCache = null;
                outbox.DeleteMany(BsonExpression.Create("$.subscription = @0", new BsonValue(name)));
                return subscriptions.Delete(name);
            },
            cancellationToken);

    public Task<IReadOnlyList<AlertDelivery>> ClaimDueDeliveriesAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken) =>
        worker.RunAsync<IReadOnlyList<AlertDelivery>>(
            () =>
            {
                var due = outbox.Query()
                    .Where(BsonExpression.Create("$.state = @0 AND $.dueAt <= @1", new BsonValue(Pending), Instant(now)))
                    .OrderBy(d => d.DueAt)
                    .Limit(limit)
                    .ToList();
                foreach (var document in due)
                {
                    document.DueAt = leaseUntil;
                }

                outbox.Update(due);
                return due.Select(ToDelivery).ToList();
            },
            cancellationToken);

    public Task RecordAttemptAsync(string deliveryId, DeliveryAttempt attempt, DeliveryState state, DateTimeOffset nextDue, CancellationToken cancellationToken) =>
        worker.RunAsync(
            () =>
            {
                if (outbox.FindById(deliveryId) is not { } document)
                {
                    return false; // removed with its subscription while being sent
                }

                var delivery = ToDelivery(document);
                return Save(delivery with { State = state, DueAt = nextDue, Attempts = [.. delivery.Attempts, attempt] });
            },
            cancellationToken);

    public Task DisableChannelAsync(string subscription, int channel, string reason, DateTimeOffset at, CancellationToken cancellationToken) =>
        worker.RunAsync(
            () =>
            {
                if (subscriptions.FindById(subscription) is not { } document)
                {
                    return false;
                }

                subscriptionCache = null;
                var stored = ToSubscription(document);
                var channels = stored.Channels.Select((c, i) => i == channel ? c with { DisabledReason = reason } : c).ToList();
                subscriptions.Update(new SubscriptionDocument { Id = stored.Name, Json = JsonSerializer.Serialize(stored with { Channels = channels }, RecordJson.Options) });
                var pending = outbox.Find(BsonExpression.Create(
                    "$.subscription = @0 AND $.channel = @1 AND $.state = @2", new BsonValue(subscription), new BsonValue(channel), new BsonValue(Pending)));
                foreach (var row in pending.Select(ToDelivery).ToList())
                {
                    Save(row with { State = DeliveryState.Failed, Attempts = [.. row.Attempts, new DeliveryAttempt(at, false, "channel disabled: " + reason)] });
                }

                return true;
            },
            cancellationToken);

    public Task<IReadOnlyList<AlertDelivery>> ListDeliveriesAsync(string subscription, int limit, CancellationToken cancellationToken) =>
        worker.RunAsync<IReadOnlyList<AlertDelivery>>(
            () => outbox.Query()
                .Where(BsonExpression.Create("$.subscription = @0", new BsonValue(subscription)))
                .OrderByDescending(d => d.CreatedAt)
                .Limit(limit)
                .ToList()
                .Select(ToDelivery)
                .ToList(),
            cancellationToken);

    // Inside the article's transaction, after the event row is written: the alerts it raises, or the report attached
    // to the alerts already raised for that deal. Commit or rollback takes both with the event.
    private void WriteAlerts(StoryResolution resolution)
    {
        var active = subscriptionCache ??= AllSubscriptions();
        if (active.Count == 0)
        {
            return;
        }

        // A deal stored for the first time has no alert yet: its id is new.
        var isNew = resolution.Result.Outcome == StoryOutcome.NewEvent;
        var planned = AlertPlanner.Plan(active, resolution.Stored, resolution.Result, id => !isNew && outbox.Exists(Query.EQ("_id", id)), time.GetUtcNow());
        foreach (var delivery in planned)
        {
            outbox.Insert(ToDocument(delivery));
        }

        if (!isNew && resolution.Stored.Sources is { Count: > 0 } sources)
        {
            var latest = sources[^1];
            var earlier = outbox.Find(BsonExpression.Create("$.eventId = @0", new BsonValue(resolution.Stored.Id)))
                .Select(ToDelivery)
                .Where(d => !planned.Any(p => string.Equals(p.Id, d.Id, StringComparison.Ordinal)))
                .ToList();
            foreach (var delivery in earlier)
            {
                Save(delivery with { LaterSources = [.. delivery.LaterSources, latest] });
            }
        }
    }

    private List<AlertSubscription> AllSubscriptions() =>
        subscriptions.FindAll().Select(ToSubscription).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

    private bool Save(AlertDelivery delivery) => outbox.Update(ToDocument(delivery));

    private static AlertSubscription ToSubscription(SubscriptionDocument document) =>
        JsonSerializer.Deserialize<AlertSubscription>(document.Json, RecordJson.Options)
        ?? throw new InvalidDataException($"Subscription {document.Id} is stored as JSON null.");

    private static AlertDelivery ToDelivery(DeliveryDocument document) =>
        JsonSerializer.Deserialize<AlertDelivery>(document.Json, RecordJson.Options)
        ?? throw new InvalidDataException($"Outbox row {document.Id} is stored as JSON null.");

    private static DeliveryDocument ToDocument(AlertDelivery delivery) => new()
    {
        Id = delivery.Id,
        AlertId = delivery.AlertId,
        Subscription = delivery.Subscription,
        Channel = delivery.Channel,
        EventId = delivery.Event.Id,
        State = JsonName(delivery.State),
        DueAt = delivery.DueAt,
        CreatedAt = delivery.CreatedAt,
        Json = JsonSerializer.Serialize(delivery, RecordJson.Options),
    };

    private static string JsonName(DeliveryState state) => JsonSerializer.Serialize(state, RecordJson.Options).Trim('"');

    private static BsonValue Instant(DateTimeOffset instant) =>
        new(instant.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
}
