namespace ServerlessMail.Core;

/// <summary>One counter to charge: <paramref name="Key"/> names the counter and its time bucket.</summary>
public sealed record QuotaCharge(string Key, long Amount, long Limit, DateTimeOffset ExpiresAt);

public enum QuotaOutcome
{
    /// <summary>Every counter was charged.</summary>
    Charged,

    /// <summary>This idempotency key was already charged; nothing was charged again.</summary>
    AlreadyCharged,

    /// <summary>A counter would pass its limit; nothing was charged.</summary>
    Exceeded,
}

/// <summary>The result of a charge; when exceeded, <see cref="FailedIndex"/> says which charge would have passed its limit.</summary>
public sealed record QuotaResult(QuotaOutcome Outcome, int FailedIndex = -1);

public interface IQuotaStore
{
    /// <summary>
    /// Charges every counter or none, atomically: under any concurrency no counter ever passes its limit. With an
    /// idempotency key that was charged before, charges nothing and returns <see cref="QuotaOutcome.AlreadyCharged"/>.
    /// </summary>
    Task<QuotaResult> TryChargeAsync(IReadOnlyList<QuotaCharge> charges, string? idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>The current value of a counter (0 when it does not exist or has expired).</summary>
    Task<long> GetCounterAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Stored bytes of an inbox and of its account, as charged by appends and released by expunges.</summary>
    Task<(long InboxBytes, long AccountBytes)> GetStoredBytesAsync(string accountId, string inboxId, CancellationToken cancellationToken = default);
}
