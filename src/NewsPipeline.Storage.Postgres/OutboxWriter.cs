using NewsPipeline.Core.Alerts;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Stories;
using Npgsql;

namespace NewsPipeline.Storage.Postgres;

/// <summary>
/// The alert half of one ingest transaction: after an event row is written, the deliveries it raises (see
/// <see cref="AlertPlanner"/>), or the new report attached to those already raised for its deal. Commit or rollback
/// takes them with the event. Delivery ids are deterministic, and inserted with <c>ON CONFLICT DO NOTHING</c>, so
/// no replay or concurrent ingest writes an alert twice.
/// </summary>
internal sealed class OutboxWriter(NpgsqlConnection connection, NpgsqlTransaction transaction, TimeProvider time)
{
    // Read once per transaction: another process may have changed them since this one's last article.
    private IReadOnlyList<AlertSubscription>? subscriptions;

    public async Task WriteAsync(StoryResolution resolution, CancellationToken cancellationToken)
    {
        subscriptions ??= await ReadSubscriptionsAsync(cancellationToken);
        if (subscriptions.Count == 0)
        {
            return;
        }

        // A deal stored for the first time has no alert yet; a known one's rows are locked against the dispatcher's
        // attempt updates while its later sources are appended.
        var isNew = resolution.Result.Outcome == StoryOutcome.NewEvent;
        var written = isNew ? new Dictionary<string, AlertDelivery>() : await ReadDeliveriesOfEventAsync(resolution.Stored.Id, cancellationToken);
        var planned = AlertPlanner.Plan(subscriptions, resolution.Stored, resolution.Result, written.ContainsKey, time.GetUtcNow());
        foreach (var delivery in planned)
        {
            await using var insert = new NpgsqlCommand(
                $"INSERT INTO alert_outbox ({StoreRows.DeliveryColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING",
                connection,
                transaction);
            StoreRows.AddDelivery(insert.Parameters, delivery);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        if (isNew || resolution.Stored.Sources is not { Count: > 0 } sources)
        {
            return;
        }

        var latest = sources[^1];
        var plannedIds = planned.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var earlier in written.Values.Where(d => !plannedIds.Contains(d.Id)))
        {
            // Only the record: the state and due columns belong to the dispatcher (a claimed row keeps its lease).
            await using var update = new NpgsqlCommand("UPDATE alert_outbox SET record = $2 WHERE id = $1", connection, transaction);
            update.Parameters.Add(StoreRows.Text(earlier.Id));
            update.Parameters.Add(StoreRows.Jsonb(StoreRows.Json(earlier with { LaterSources = [.. earlier.LaterSources, latest] })));
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task<IReadOnlyList<AlertSubscription>> ReadSubscriptionsAsync(CancellationToken cancellationToken)
    {
        var all = new List<AlertSubscription>();
        await using var command = new NpgsqlCommand("SELECT record::text FROM alert_subscriptions ORDER BY name COLLATE \"C\"", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            all.Add(StoreRows.Read<AlertSubscription>(reader.GetString(0), "A subscription"));
        }

        return all;
    }

    private async Task<Dictionary<string, AlertDelivery>> ReadDeliveriesOfEventAsync(string eventId, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, AlertDelivery>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(
            "SELECT id, record::text FROM alert_outbox WHERE event_id = $1 ORDER BY id COLLATE \"C\" FOR UPDATE", connection, transaction);
        command.Parameters.Add(StoreRows.Text(eventId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows[reader.GetString(0)] = StoreRows.Read<AlertDelivery>(reader.GetString(1), $"Outbox row {reader.GetString(0)}");
        }

        return rows;
    }
}
