using System.Globalization;

namespace ServerlessMail.Core;

/// <summary>
/// Send quotas, per account and per inbox: recipients per UTC day and messages per minute. Counters are time
/// buckets charged all-or-nothing by the store, so concurrent sends never overshoot; a retried request with the same
/// idempotency key is charged once.
/// </summary>
public sealed class QuotaService(IQuotaStore store, TimeProvider clock)
{
    public async Task<QuotaDecision> ReserveSendAsync(
        Account account,
        Inbox inbox,
        int recipients,
        string? idempotencyKey,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(inbox);
        ArgumentOutOfRangeException.ThrowIfLessThan(recipients, 1);

        var now = clock.GetUtcNow();
        var dayStart = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var minuteStart = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        var day = dayStart.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var minute = minuteStart.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

        var charges = new List<QuotaCharge>(4);
        var described = new List<(QuotaLimitKind Kind, string Scope, long Limit, DateTimeOffset Reset)>(4);
        void Add(string scope, string id, QuotaLimits limits)
        {
            if (limits.SendsPerDay is { } perDay)
            {
                charges.Add(new QuotaCharge($"send:{scope}:{id}:d:{day}", recipients, perDay, dayStart.AddDays(2)));
                described.Add((QuotaLimitKind.SendsPerDay, scope, perDay, dayStart.AddDays(1)));
            }

            if (limits.SendsPerMinute is { } perMinute)
            {
                charges.Add(new QuotaCharge($"send:{scope}:{id}:m:{minute}", 1, perMinute, minuteStart.AddMinutes(10)));
                described.Add((QuotaLimitKind.SendsPerMinute, scope, perMinute, minuteStart.AddMinutes(1)));
            }
        }

        Add("account", account.Id, account.Limits);
        Add("inbox", inbox.Id, inbox.Limits);
        if (charges.Count == 0)
        {
            return QuotaDecision.Allow;
        }

        var key = idempotencyKey is null ? null : $"{account.Id}:{idempotencyKey}";
        var result = await store.TryChargeAsync(charges, key, cancellationToken).ConfigureAwait(false);
        if (result.Outcome != QuotaOutcome.Exceeded)
        {
            return QuotaDecision.Allow;
        }

        var failed = described[result.FailedIndex];
        return new QuotaDecision(false, failed.Kind, failed.Scope, failed.Limit, failed.Reset);
    }

    /// <summary>The stored-bytes limits that apply to an append into <paramref name="inbox"/>.</summary>
    public static StorageLimit StorageLimitFor(Account account, Inbox inbox)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(inbox);
        return new StorageLimit(inbox.Limits.StoredBytes, account.Limits.StoredBytes);
    }
}
