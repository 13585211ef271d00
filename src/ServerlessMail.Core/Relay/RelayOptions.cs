namespace ServerlessMail.Core;

/// <summary>Settings of <see cref="RelayWorker"/>, every default in one place.</summary>
public sealed class RelayOptions
{
    /// <summary>How often the worker looks for due retries when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Due messages claimed per pass.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>
    /// Attempts before a message that keeps failing temporarily is marked failed: with the 30 s doubling backoff capped
    /// at 4 h, 20 attempts span about two days, inside the 4-5 days RFC 5321 §4.5.4.1 suggests giving up after.
    /// </summary>
    public int MaxAttempts { get; init; } = 20;

    /// <summary>
    /// How long a claim holds a message in <c>sending</c>. The claim sets NextAttemptAt to now plus this lease; a worker
    /// that dies before recording the outcome leaves the message due again once the lease expires, and another worker
    /// reclaims it. It must be longer than any relay can take over one message (the smarthost's and SES client's
    /// timeouts are minutes), because a relay still running past its lease can be overtaken by a second attempt.
    /// </summary>
    public TimeSpan ClaimLease { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Longest reason or remote reply kept in one history entry, in characters (a reply can be many lines).</summary>
    public int MaxDetailLength { get; init; } = 1_000;
}
