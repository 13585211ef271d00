namespace ServerlessMail.Storage.Aws.Dynamo;

/// <summary>
/// Backoff for writes that lost a race: full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"), so
/// contenders for one folder spread out instead of colliding again in lockstep.
/// </summary>
internal static class Contention
{
    private const int BaseMilliseconds = 4;
    private const int CapMilliseconds = 250;

    public static Task DelayAsync(int attempt, CancellationToken cancellationToken)
    {
        var ceiling = Math.Min(CapMilliseconds, BaseMilliseconds << Math.Min(attempt, 10));
#pragma warning disable CA5394 // Jitter, not security: a predictable delay harms nothing.
        var delay = Random.Shared.Next(1, ceiling + 1);
#pragma warning restore CA5394
        return Task.Delay(delay, cancellationToken);
    }

    /// <summary>Runs <paramref name="attempt"/> until it returns a result, backing off between tries, within the budget.</summary>
    public static async Task<T> RetryAsync<T>(TimeSpan budget, string what, Func<int, Task<(bool Done, T Result)>> attempt, CancellationToken cancellationToken)
    {
        var deadline = Environment.TickCount64 + (long)budget.TotalMilliseconds;
        for (var tries = 0; ; tries++)
        {
            var (done, result) = await attempt(tries).ConfigureAwait(false);
            if (done)
            {
                return result;
            }

            if (Environment.TickCount64 > deadline)
            {
                throw new MailStoreException(MailStoreError.Unavailable, $"{what} kept conflicting with concurrent writes; try again.");
            }

            await DelayAsync(tries, cancellationToken).ConfigureAwait(false);
        }
    }
}
