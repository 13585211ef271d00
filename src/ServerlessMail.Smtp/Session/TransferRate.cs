namespace ServerlessMail.Smtp;

/// <summary>
/// Deadlines for one message transfer: each read may wait up to the DATA block timeout, and after the grace period
/// the average rate since the start must stay at or above the minimum (a slow-drip client is cut off even when every
/// single block arrives within the timeout).
/// </summary>
internal sealed class TransferRate(SmtpServerOptions options, TimeProvider clock)
{
    private readonly DateTimeOffset _start = clock.GetUtcNow();
    private long _octets;

    public void Add(long octets) => _octets += octets;

    /// <summary>How long the next read may wait, and the reply if it does not arrive in time.</summary>
    public (TimeSpan Timeout, SmtpReply OnTimeout) Next()
    {
        if (options.MinDataRate <= 0)
        {
            return (options.DataBlockTimeout, SmtpReplies.Timeout);
        }

        var elapsed = clock.GetUtcNow() - _start;
        var due = TimeSpan.FromSeconds(Math.Max(options.MinDataRateGracePeriod.TotalSeconds, _octets / options.MinDataRate));
        var left = due - elapsed;
        return left < options.DataBlockTimeout ? (left, SmtpReplies.TooSlow) : (options.DataBlockTimeout, SmtpReplies.Timeout);
    }
}
