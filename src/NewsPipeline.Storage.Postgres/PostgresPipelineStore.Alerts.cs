using NewsPipeline.Core.Alerts;
using Npgsql;

namespace NewsPipeline.Storage.Postgres;

/// <summary>
/// Subscriptions and the alert outbox (the rows themselves are written by the ingest transaction, see
/// <see cref="OutboxWriter"/>). Dispatchers in any number of processes claim due rows with
/// <c>FOR UPDATE SKIP LOCKED</c>, so each row is sent by one of them at a time.
/// </summary>
public sealed partial class PostgresPipelineStore : IAlertStore
{
    private static readonly string Pending = StoreRows.WireName(DeliveryState.Pending);

    public async Task SaveSubscriptionAsync(AlertSubscription subscription, CancellationToken cancellationToken)
    {
        await ExecuteAsync(
            "INSERT INTO alert_subscriptions (name, record) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET record = excluded.record",
            [StoreRows.Text(subscription.Name), StoreRows.Jsonb(StoreRows.Json(subscription))],
            cancellationToken);
    }

    public async Task<AlertSubscription?> GetSubscriptionAsync(string name, CancellationToken cancellationToken)
    {
        var json = await ScalarAsync<string>("SELECT record::text FROM alert_subscriptions WHERE name = $1", [StoreRows.Text(name)], cancellationToken);
        return json is null ? null : StoreRows.Read<AlertSubscription>(json, $"Subscription {name}");
    }

    public async Task<IReadOnlyList<AlertSubscription>> ListSubscriptionsAsync(CancellationToken cancellationToken) =>
        await ListAsync(
            "SELECT record::text FROM alert_subscriptions ORDER BY name COLLATE \"C\"", [], json => StoreRows.Read<AlertSubscription>(json, "A subscription"), cancellationToken);

    public async Task<bool> RemoveSubscriptionAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var deliveries = new NpgsqlCommand("DELETE FROM alert_outbox WHERE subscription = $1", connection, transaction))
        {
            deliveries.Parameters.Add(StoreRows.Text(name));
            await deliveries.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var subscription = new NpgsqlCommand("DELETE FROM alert_subscriptions WHERE name = $1", connection, transaction);
        subscription.Parameters.Add(StoreRows.Text(name));
        var removed = await subscription.ExecuteNonQueryAsync(cancellationToken) > 0;
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    public async Task<IReadOnlyList<AlertDelivery>> ClaimDueDeliveriesAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

        // One statement, one transaction: the rows are locked while the lease is written, and a dispatcher that
        // meets a row another one holds skips it instead of waiting for it. The record keeps the due time it was
        // planned for (as in the embedded store); the lease lives in the due_at column.
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            WITH due AS (
                SELECT id, due_at FROM alert_outbox
                WHERE state = $1 AND due_at <= $2
                ORDER BY due_at, id COLLATE "C"
                LIMIT $4
                FOR UPDATE SKIP LOCKED)
            UPDATE alert_outbox AS row SET due_at = $3
            FROM due WHERE row.id = due.id
            RETURNING row.record::text, due.due_at, row.id
            """,
            connection);
        command.Parameters.Add(StoreRows.Text(Pending));
        command.Parameters.Add(StoreRows.Instant(now));
        command.Parameters.Add(StoreRows.Instant(leaseUntil));
        command.Parameters.Add(StoreRows.Integer(limit));
        var claimed = new List<(AlertDelivery Delivery, DateTimeOffset Due)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add((StoreRows.Read<AlertDelivery>(reader.GetString(0), $"Outbox row {reader.GetString(2)}"), reader.GetFieldValue<DateTimeOffset>(1)));
        }

        return claimed.OrderBy(c => c.Due).ThenBy(c => c.Delivery.Id, StringComparer.Ordinal).Select(c => c.Delivery).ToList();
    }

    public async Task RecordAttemptAsync(string deliveryId, DeliveryAttempt attempt, DeliveryState state, DateTimeOffset nextDue, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = await LockDeliveriesAsync(connection, transaction, "id = $1", [StoreRows.Text(deliveryId)], cancellationToken);

        // An empty result: the row went with its subscription while being sent.
        foreach (var delivery in rows)
        {
            await SaveDeliveryAsync(connection, transaction, delivery with { State = state, DueAt = nextDue, Attempts = [.. delivery.Attempts, attempt] }, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task DisableChannelAsync(string subscription, int channel, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string? json;
        await using (var read = new NpgsqlCommand("SELECT record::text FROM alert_subscriptions WHERE name = $1 FOR UPDATE", connection, transaction))
        {
            read.Parameters.Add(StoreRows.Text(subscription));
            json = (string?)await read.ExecuteScalarAsync(cancellationToken);
        }

        if (json is null)
        {
            return;
        }

        var stored = StoreRows.Read<AlertSubscription>(json, $"Subscription {subscription}");
        var channels = stored.Channels.Select((c, i) => i == channel ? c with { DisabledReason = reason } : c).ToList();
        await using (var write = new NpgsqlCommand("UPDATE alert_subscriptions SET record = $2 WHERE name = $1", connection, transaction))
        {
            write.Parameters.Add(StoreRows.Text(subscription));
            write.Parameters.Add(StoreRows.Jsonb(StoreRows.Json(stored with { Channels = channels })));
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        var pending = await LockDeliveriesAsync(
            connection,
            transaction,
            "subscription = $1 AND channel = $2 AND state = $3",
            [StoreRows.Text(subscription), StoreRows.Integer(channel), StoreRows.Text(Pending)],
            cancellationToken);
        foreach (var row in pending)
        {
            var failed = row with { State = DeliveryState.Failed, Attempts = [.. row.Attempts, new DeliveryAttempt(at, false, "channel disabled: " + reason)] };
            await SaveDeliveryAsync(connection, transaction, failed, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AlertDelivery>> ListDeliveriesAsync(string subscription, int limit, CancellationToken cancellationToken) =>
        await ListAsync(
            "SELECT record::text FROM alert_outbox WHERE subscription = $1 ORDER BY created_at DESC, id COLLATE \"C\" DESC LIMIT $2",
            [StoreRows.Text(subscription), StoreRows.Integer(limit)],
            json => StoreRows.Read<AlertDelivery>(json, "An outbox row"),
            cancellationToken);

    private static async Task<List<AlertDelivery>> LockDeliveriesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string condition, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT record::text FROM alert_outbox WHERE {condition} ORDER BY id COLLATE \"C\" FOR UPDATE", connection, transaction);
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<AlertDelivery>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(StoreRows.Read<AlertDelivery>(reader.GetString(0), "An outbox row"));
        }

        return rows;
    }

    // The whole row from the record, as the dispatcher changes state, due time and attempts together.
    private static async Task SaveDeliveryAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AlertDelivery delivery, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"UPDATE alert_outbox SET ({StoreRows.DeliveryColumns}) = ($1, $2, $3, $4, $5, $6, $7, $8, $9) WHERE id = $1", connection, transaction);
        StoreRows.AddDelivery(command.Parameters, delivery);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
