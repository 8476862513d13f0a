using System.Collections.Concurrent;

namespace NewsPipeline.Storage.Threading;

/// <summary>
/// Runs every store operation, in order, on one dedicated thread. LiteDB binds explicit transactions to the
/// OS thread that began them, so they must never span an <c>await</c>; funnelling all work through one thread
/// keeps each operation synchronous and serialises writers without locks in the callers.
/// </summary>
internal sealed class StoreWorker : IDisposable
{
    private readonly BlockingCollection<WorkItem> queue = new();
    private readonly Thread thread;

    public StoreWorker(string name)
    {
        thread = new Thread(Drain) { IsBackground = true, Name = name };
        thread.Start();
    }

    /// <summary>
    /// Queues <paramref name="work"/>. Cancellation is honoured while the work waits in the queue; once it has
    /// started it runs to completion so that a transaction is never left half-done.
    /// </summary>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var item = new WorkItem<T>(work, cancellationToken);
        try
        {
            queue.Add(item, CancellationToken.None);
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            item.Abandon();
            throw new ObjectDisposedException(nameof(StoreWorker), "The store has been closed.");
        }

        return item.Task;
    }

    /// <summary>Finishes the queued work, then stops the thread.</summary>
    public void Dispose()
    {
        queue.CompleteAdding();
        if (Thread.CurrentThread != thread)
        {
            thread.Join();
        }

        queue.Dispose();
    }

    private void Drain()
    {
        foreach (var item in queue.GetConsumingEnumerable())
        {
            item.Execute();
        }
    }

    private abstract class WorkItem
    {
        public abstract void Execute();
    }

    private sealed class WorkItem<T> : WorkItem
    {
        private const int Queued = 0;
        private const int Started = 1;
        private const int Cancelled = 2;

        private readonly Func<T> work;
        private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenRegistration registration;
        private int state;

        public WorkItem(Func<T> work, CancellationToken cancellationToken)
        {
            this.work = work;
            registration = cancellationToken.Register(() =>
            {
                if (Interlocked.CompareExchange(ref state, Cancelled, Queued) == Queued)
                {
                    completion.TrySetCanceled(cancellationToken);
                }
            });
        }

        public Task<T> Task => completion.Task;

        public void Abandon() => registration.Dispose();

        public override void Execute()
        {
            if (Interlocked.CompareExchange(ref state, Started, Queued) != Queued)
            {
                return;
            }

            registration.Dispose();
            try
            {
                completion.SetResult(work());
            }
#pragma warning disable CA1031 // The failure belongs to the caller awaiting the task, not to the worker thread.
            catch (Exception e)
#pragma warning restore CA1031
            {
                completion.SetException(e);
            }
        }
    }
}
