namespace ServerlessMail.Core;

/// <summary>
/// In-process change notifications per inbox: whoever changes an inbox's folders or messages (delivery, a Sent copy,
/// IMAP, the REST API) calls <see cref="Publish"/>, and waiters (IMAP IDLE, the REST wait-for) wake at once instead of
/// polling the store in a busy loop. It carries no data: a woken waiter reads what changed from the store (the folder's
/// HIGHESTMODSEQ, UIDNEXT). Across processes (the AWS store, where a Lambda delivers) there is no notifier to reach, so
/// waiters also re-check the store on their own interval.
/// </summary>
public sealed class MailboxNotifier
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, TaskCompletionSource> _waiters = new(StringComparer.Ordinal);

    /// <summary>Wakes everyone waiting on <paramref name="inboxId"/>.</summary>
    public void Publish(string inboxId)
    {
        ArgumentNullException.ThrowIfNull(inboxId);
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            if (_waiters.Remove(inboxId, out waiter) is false)
            {
                return;
            }
        }

        waiter.TrySetResult();
    }

    /// <summary>
    /// A task that completes at the next <see cref="Publish"/> for the inbox. Take it <em>before</em> reading the store,
    /// then read, then await it: a change that lands between the read and the await still completes the task, so no
    /// notification is lost.
    /// </summary>
    public Task NextChangeAsync(string inboxId)
    {
        ArgumentNullException.ThrowIfNull(inboxId);
        lock (_lock)
        {
            if (!_waiters.TryGetValue(inboxId, out var waiter))
            {
                waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters[inboxId] = waiter;
            }

            return waiter.Task;
        }
    }

    /// <summary>
    /// Waits for the next change, at most <paramref name="timeout"/>; true when notified. Prefer
    /// <see cref="NextChangeAsync"/> when a store read comes between subscribing and waiting.
    /// </summary>
    public static async Task<bool> WaitAsync(Task change, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        try
        {
            await change.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
