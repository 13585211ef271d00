namespace ServerlessMail.Core;

/// <summary>
/// Delivers accepted messages on one machine: woken by <see cref="DeliverySignal"/> after each accept, and every
/// <see cref="RetryInterval"/> for retries. On AWS the S3-triggered ingest function does this job instead. A pass
/// delivers up to <see cref="Concurrency"/> messages at once: each delivery is a few small durable writes, and a
/// store with group commit makes concurrent writes share one fsync, where one-at-a-time delivery would wait for
/// every fsync in turn. As with any MTA's parallel delivery agents, messages accepted together may take UIDs in a
/// different order than they were accepted in.
/// </summary>
public sealed class DeliveryWorker(IIngestStore store, MailIngestService ingest, DeliverySignal signal, TimeProvider clock)
{
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    /// <summary>Deliveries in flight at once within a pass.</summary>
    public const int Concurrency = 8;

    private const int BatchSize = 64;

    /// <summary>Raised when a delivery attempt fails unexpectedly; the host logs it. The message stays accepted and is retried.</summary>
    public event Action<AcceptedMessage, Exception>? DeliveryFailed;

    /// <summary>Raised after each delivery, so hosts can notify IMAP IDLE and API wait-for listeners.</summary>
    public event Action<DeliveryResult>? Delivered;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var delivered = await RunOnceAsync(cancellationToken).ConfigureAwait(false);
            if (delivered == 0)
            {
                try
                {
                    await signal.WaitAsync(RetryInterval, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One pass over due messages; returns how many were attempted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var due = await store.ListDueAcceptedAsync(clock.GetUtcNow(), BatchSize, cancellationToken).ConfigureAwait(false);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(due, parallel, DeliverOneAsync).ConfigureAwait(false);
        return due.Count;
    }

    private async ValueTask DeliverOneAsync(AcceptedMessage message, CancellationToken cancellationToken)
    {
        try
        {
            // Not inside Delivered?.Invoke(...): with no subscriber, '?.' would skip evaluating the delivery itself.
            var result = await ingest.DeliverAsync(message.Id, cancellationToken).ConfigureAwait(false);
            Delivered?.Invoke(result);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            DeliveryFailed?.Invoke(message, exception);
            var retry = message with
            {
                Attempts = message.Attempts + 1,
                NextAttemptAt = clock.GetUtcNow() + MailIngestService.Backoff(message.Attempts + 1),
                LastError = exception.Message,
            };
            await store.UpdateAcceptedAsync(retry, cancellationToken).ConfigureAwait(false);
        }
    }
}
