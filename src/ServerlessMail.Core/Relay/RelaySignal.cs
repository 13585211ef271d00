namespace ServerlessMail.Core;

/// <summary>
/// Wakes the relay worker after a submission (SMTP submission and the REST send path call <see cref="Notify"/> once
/// <see cref="OutboundService.SubmitAsync"/> has queued the message). Notifications coalesce like
/// <see cref="DeliverySignal"/>'s: many submissions during a pass cause one more pass.
/// </summary>
public sealed class RelaySignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Notify()
    {
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; the pending pass will see this message too.
        }
    }

    public void Dispose() => _semaphore.Dispose();

    /// <summary>Waits for a notification or the timeout; true when notified.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _semaphore.WaitAsync(timeout, cancellationToken);
}
