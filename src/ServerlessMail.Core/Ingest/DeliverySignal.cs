namespace ServerlessMail.Core;

/// <summary>
/// Wakes the delivery worker when a message is accepted, so delivery starts at once without polling the store in a
/// busy loop. Notifications coalesce: many accepts while the worker is busy cause one more pass.
/// </summary>
public sealed class DeliverySignal : IDisposable
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
