using System.Collections.Concurrent;
using System.Net;

namespace ServerlessMail.Net;

/// <summary>
/// Slows down password guessing: every failed authentication adds to a counter for the peer address, one for the
/// user name and, when the caller knows it, one for the account the user name belongs to (so guesses spread across
/// an account's inboxes add up, issue 4 "per IP and per account"); the next attempt matching any of them waits
/// 250 ms × 2^(failures−1), capped at <see cref="MaxDelay"/>. Counters forget after <see cref="Window"/> without
/// failures; a success clears the user's counter but not the account's, so a legitimate login on one inbox does not
/// reset guessing against its siblings. Memory is bounded: past <see cref="MaxEntries"/> the oldest entries are dropped.
/// </summary>
public sealed class AuthThrottle(TimeProvider clock)
{
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(8);

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>How long to wait before checking this attempt's credentials.</summary>
    public TimeSpan DelayFor(IPAddress address, string? userName) => DelayFor(address, userName, accountId: null);

    /// <summary>How long to wait before checking this attempt's credentials, counting the account's failures too.</summary>
    public TimeSpan DelayFor(IPAddress address, string? userName, string? accountId)
    {
        ArgumentNullException.ThrowIfNull(address);
        var failures = Math.Max(Failures("ip:" + address), userName is null ? 0 : Failures("user:" + userName.ToLowerInvariant()));
        failures = Math.Max(failures, accountId is null ? 0 : Failures("account:" + accountId));
        if (failures == 0)
        {
            return TimeSpan.Zero;
        }

        var milliseconds = 250 * Math.Pow(2, Math.Min(failures - 1, 10));
        return TimeSpan.FromMilliseconds(Math.Min(milliseconds, MaxDelay.TotalMilliseconds));
    }

    public void RecordFailure(IPAddress address, string? userName) => RecordFailure(address, userName, accountId: null);

    /// <summary>Counts a failure against the address, the user name and (when known) the account.</summary>
    public void RecordFailure(IPAddress address, string? userName, string? accountId)
    {
        ArgumentNullException.ThrowIfNull(address);
        Bump("ip:" + address);
        if (userName is not null)
        {
            Bump("user:" + userName.ToLowerInvariant());
        }

        if (accountId is not null)
        {
            Bump("account:" + accountId);
        }

        if (_entries.Count > MaxEntries)
        {
            Trim();
        }
    }

    public void RecordSuccess(string userName)
    {
        ArgumentNullException.ThrowIfNull(userName);
        _entries.TryRemove("user:" + userName.ToLowerInvariant(), out _);
    }

    private int Failures(string key) =>
        _entries.TryGetValue(key, out var entry) && clock.GetUtcNow() - entry.Last < Window ? entry.Count : 0;

    private void Bump(string key)
    {
        var now = clock.GetUtcNow();
        _entries.AddOrUpdate(
            key,
            static (_, at) => new Entry(1, at),
            static (_, old, at) => at - old.Last < Window ? new Entry(old.Count + 1, at) : new Entry(1, at),
            now);
    }

    private void Trim()
    {
        var cutoff = clock.GetUtcNow() - Window;
        foreach (var (key, entry) in _entries)
        {
            if (entry.Last < cutoff || _entries.Count > MaxEntries)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private readonly record struct Entry(int Count, DateTimeOffset Last);
}
