using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Stories;
using Npgsql;

namespace NewsPipeline.Storage.Postgres;

/// <summary>
/// The ingest transaction. Exactly once across processes: the article row goes in first with
/// <c>ON CONFLICT DO NOTHING</c> against the unique id, canonical key and content hash, so of two workers storing
/// one article the second waits for the first and then writes nothing. Story matching is serialised per deal: before
/// reading candidates <c>FOR UPDATE</c>, the transaction takes advisory locks on the blocking keys its events read
/// or are filed under (see <see cref="StoryLocks"/>), so two reports of one deal stored at once make one event with
/// two sources, never twins.
/// </summary>
public sealed partial class PostgresPipelineStore
{
    // A broken connection or a lost serialisation race is retried: the transaction is all or nothing, so a retry
    // starts from a clean slate. Few attempts, short waits: a worker holds one article while it waits.
    private const int IngestAttempts = 4;
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(50);

    // Keeps story locks apart from other advisory locks (migrations, feed leases) that share the key space.
    private const string StoryLockPrefix = "newspipeline.story|";

    public async Task<IngestResult> IngestArticleAsync(StoredArticle article, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var mismatched = events.FirstOrDefault(e => !string.Equals(e.ArticleId, article.Id, StringComparison.Ordinal));
        if (mismatched is not null)
        {
            throw new ArgumentException($"Event {mismatched.Id} names article {mismatched.ArticleId}, not {article.Id}.", nameof(events));
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await IngestOnceAsync(article, events, cancellationToken);
            }
            catch (NpgsqlException ex) when (TransientFault.Is(ex) && attempt < IngestAttempts && !cancellationToken.IsCancellationRequested)
            {
                var delay = FirstBackoff * Math.Pow(2, attempt - 1);
                LogIngestRetry(logger, article.Id, article.FeedName, TransientFault.Describe(ex), attempt, IngestAttempts - 1, delay.TotalMilliseconds);
                await Task.Delay(delay, time, cancellationToken);
            }
            catch (NpgsqlException ex)
            {
                var retried = TransientFault.Is(ex) ? $" after {attempt} attempts" : "";
                throw new PostgresStoreException(
                    $"Storing article {article.Id} ({article.Url}) from feed '{article.FeedName}' failed{retried}: {TransientFault.Describe(ex)}. Nothing of it was stored.",
                    ex);
            }
        }
    }

    private async Task<IngestResult> IngestOnceAsync(StoredArticle article, IReadOnlyList<StoredEvent> offered, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await InsertArticleAsync(connection, transaction, article, cancellationToken) is { } duplicate)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new IngestResult(duplicate, []);
        }

        await LockStoriesAsync(connection, transaction, offered, cancellationToken);
        var alerts = new OutboxWriter(connection, transaction, time);
        var outcomes = new List<EventIngest>(offered.Count);
        foreach (var report in offered)
        {
            outcomes.Add(await StoreEventAsync(connection, transaction, report, alerts, cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return new IngestResult(IngestOutcome.Added, outcomes);
    }

    // Null when inserted; else why the article was already there. A row of another uncommitted transaction makes
    // the insert wait for it, so the answer is final.
    private static async Task<IngestOutcome?> InsertArticleAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, StoredArticle article, CancellationToken cancellationToken)
    {
        await using (var insert = new NpgsqlCommand(
            $"INSERT INTO articles ({StoreRows.ArticleColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING", connection, transaction))
        {
            StoreRows.AddArticle(insert.Parameters, article);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return null;
            }
        }

        await using var sameUrl = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM articles WHERE canonical_key = $1 OR id = $2)", connection, transaction);
        sameUrl.Parameters.Add(StoreRows.Text(StoreKeys.CanonicalKey(article.CanonicalUrl)));
        sameUrl.Parameters.Add(StoreRows.Text(article.Id));
        return (bool)(await sameUrl.ExecuteScalarAsync(cancellationToken))! ? IngestOutcome.DuplicateUrl : IngestOutcome.DuplicateContent;
    }

    // Before reading candidates: see StoryLocks for which keys are locked and how.
    private async Task LockStoriesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StoredEvent> offered, CancellationToken cancellationToken)
    {
        var locks = StoryLocks.For(offered.SelectMany(stories.LookupKeys), offered.SelectMany(stories.KeysOf));
        if (locks.Count == 0)
        {
            return;
        }

        // unnest yields the pairs in array order, so the locks are taken in sorted order and transactions never
        // wait for each other in a circle.
        await using var command = new NpgsqlCommand(
            """
            SELECT CASE WHEN exclusive THEN pg_advisory_xact_lock(hashtextextended($3 || key, 0))
                        ELSE pg_advisory_xact_lock_shared(hashtextextended($3 || key, 0)) END
            FROM unnest($1::text[], $2::boolean[]) AS story(key, exclusive)
            """,
            connection,
            transaction);
        command.Parameters.Add(StoreRows.TextArray(locks.Select(l => l.Key).ToArray()));
        command.Parameters.Add(StoreRows.BooleanArray(locks.Select(l => l.Exclusive).ToArray()));
        command.Parameters.Add(StoreRows.Text(StoryLockPrefix));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Inside the article's transaction: a later event of the same article sees the rows written for earlier ones.
    private async Task<EventIngest> StoreEventAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, StoredEvent offered, OutboxWriter alerts, CancellationToken cancellationToken)
    {
        var candidates = new List<StoredEvent>();
        await using (var find = new NpgsqlCommand("SELECT record::text FROM events WHERE story_keys && $1 FOR UPDATE", connection, transaction))
        {
            find.Parameters.Add(StoreRows.TextArray(stories.LookupKeys(offered).Distinct(StringComparer.Ordinal).ToArray()));
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                candidates.Add(StoreRows.Read<StoredEvent>(reader.GetString(0), "A candidate event"));
            }
        }

        var resolution = stories.Resolve(offered, candidates);
        var isNew = resolution.Result.Outcome == StoryOutcome.NewEvent;
        var sql = isNew
            ? $"INSERT INTO events ({StoreRows.EventColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)"
            : $"UPDATE events SET ({StoreRows.EventColumns}) = ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) WHERE id = $1";
        await using (var write = new NpgsqlCommand(sql, connection, transaction))
        {
            StoreRows.AddEvent(write.Parameters, resolution.Stored, stories.KeysOf(resolution.Stored));
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await alerts.WriteAsync(resolution, cancellationToken);
        return resolution.Result;
    }

    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning,
        Message = "Storing article {ArticleId} from feed {FeedName} hit a transient fault ({Fault}); retry {Attempt} of {Retries} in {DelayMs} ms")]
    private static partial void LogIngestRetry(ILogger logger, string articleId, string feedName, string fault, int attempt, int retries, double delayMs);
}
