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
        var charges = SendCharges(account, inbox, recipients);
        if (charges.Count == 0)
        {
            return QuotaDecision.Allow;
        }

        var key = idempotencyKey is null ? null : $"{account.Id}:{idempotencyKey}";
        var result = await store.TryChargeAsync(charges.Select(c => c.Charge).ToList(), key, cancellationToken).ConfigureAwait(false);
        return result.Outcome == QuotaOutcome.Exceeded ? charges[result.FailedIndex].Refusal : QuotaDecision.Allow;
    }

    /// <summary>
    /// Whether a send would pass a limit now, charging nothing: a cheap refusal before a message is stored. The
    /// answer is advisory (a concurrent send may take the last unit first); <see cref="ReserveSendAsync"/> decides.
    /// </summary>
    public async Task<QuotaDecision> CheckSendAsync(Account account, Inbox inbox, int recipients, CancellationToken cancellationToken = default)
    {
        foreach (var (charge, refusal) in SendCharges(account, inbox, recipients))
        {
            var used = await store.GetCounterAsync(charge.Key, cancellationToken).ConfigureAwait(false);
            if (used + charge.Amount > charge.Limit)
            {
                return refusal;
            }
        }

        return QuotaDecision.Allow;
    }

    /// <summary>
    /// Whether <paramref name="size"/> more bytes fit in the inbox and its account now: the refusal names the limit.
    /// Advisory, like <see cref="CheckSendAsync"/>; the append that charges the bytes decides.
    /// </summary>
    public async Task<QuotaDecision> CheckStorageAsync(Account account, Inbox inbox, long size, CancellationToken cancellationToken = default)
    {
        var limit = StorageLimitFor(account, inbox);
        if (limit.InboxBytes is null && limit.AccountBytes is null)
        {
            return QuotaDecision.Allow;
        }

        var (inboxBytes, accountBytes) = await store.GetStoredBytesAsync(account.Id, inbox.Id, cancellationToken).ConfigureAwait(false);
        return inboxBytes + size > limit.InboxBytes ? StorageRefusal("inbox", limit.InboxBytes.Value)
            : accountBytes + size > limit.AccountBytes ? StorageRefusal("account", limit.AccountBytes.Value)
            : QuotaDecision.Allow;
    }

    /// <summary>The refusal for an append the store turned down as over quota, naming the limit that applies.</summary>
    public static QuotaDecision StorageRefusal(Account account, Inbox inbox)
    {
        var limit = StorageLimitFor(account, inbox);
        return limit.InboxBytes is { } inboxBytes ? StorageRefusal("inbox", inboxBytes) : StorageRefusal("account", limit.AccountBytes ?? 0);
    }

    /// <summary>The stored-bytes limits that apply to an append into <paramref name="inbox"/>.</summary>
    public static StorageLimit StorageLimitFor(Account account, Inbox inbox)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(inbox);
        return new StorageLimit(inbox.Limits.StoredBytes, account.Limits.StoredBytes);
    }

    private static QuotaDecision StorageRefusal(string scope, long limit) => new(false, QuotaLimitKind.StoredBytes, scope, limit);

    /// <summary>
    /// The counters a send charges, per account and per inbox: recipients in the UTC day's bucket, one message in the
    /// minute's. Each comes with the refusal that names it, and the time its window resets.
    /// </summary>
    private List<(QuotaCharge Charge, QuotaDecision Refusal)> SendCharges(Account account, Inbox inbox, int recipients)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(inbox);
        ArgumentOutOfRangeException.ThrowIfLessThan(recipients, 1);

        var now = clock.GetUtcNow();
        var dayStart = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var minuteStart = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        var day = dayStart.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var minute = minuteStart.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

        var charges = new List<(QuotaCharge, QuotaDecision)>(4);
        void Add(string scope, string id, QuotaLimits limits)
        {
            if (limits.SendsPerDay is { } perDay)
            {
                charges.Add((
                    new QuotaCharge($"send:{scope}:{id}:d:{day}", recipients, perDay, dayStart.AddDays(2)),
                    new QuotaDecision(false, QuotaLimitKind.SendsPerDay, scope, perDay, dayStart.AddDays(1))));
            }

            if (limits.SendsPerMinute is { } perMinute)
            {
                charges.Add((
                    new QuotaCharge($"send:{scope}:{id}:m:{minute}", 1, perMinute, minuteStart.AddMinutes(10)),
                    new QuotaDecision(false, QuotaLimitKind.SendsPerMinute, scope, perMinute, minuteStart.AddMinutes(1))));
            }
        }

        Add("account", account.Id, account.Limits);
        Add("inbox", inbox.Id, inbox.Limits);
        return charges;
    }
}
