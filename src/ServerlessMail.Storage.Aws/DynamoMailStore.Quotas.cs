using ServerlessMail.Storage.Aws.Dynamo;

namespace ServerlessMail.Storage.Aws;

public sealed partial class DynamoMailStore
{
    /// <summary>
    /// One transaction: each counter is <c>ADD</c>ed only if the old value is at most limit − amount and the bucket has
    /// not expired, and the idempotency record is put only if absent (or expired). All or nothing, so no counter ever
    /// passes its limit; a cancellation says which condition failed. A bucket past its expiry that DynamoDB's TTL has
    /// not yet deleted is deleted here (conditionally) and the charge retried, so it starts afresh.
    /// </summary>
    public async Task<QuotaResult> TryChargeAsync(IReadOnlyList<QuotaCharge> charges, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(charges);
        if (idempotencyKey is { Length: > ModelLimits.IdempotencyKey * 2 })
        {
            throw MailStoreException.TooLarge("idempotencyKey", ModelLimits.IdempotencyKey * 2);
        }

        for (var i = 0; i < charges.Count; i++)
        {
            if (!IsUsableKey(charges[i].Key))
            {
                throw new MailStoreException(MailStoreError.InvalidArgument, "A quota counter key must be 1 to 900 characters.");
            }

            if (charges[i].Amount > charges[i].Limit)
            {
                return new QuotaResult(QuotaOutcome.Exceeded, i);
            }
        }

        return await Contention.RetryAsync(
            _options.ContentionBudget,
            "Charging the quota",
            async _ =>
            {
                var now = _clock.GetUtcNow();
                var items = charges.Select(c => DynamoTable.Write(ChargeCounter(c, now))).ToList();
                if (idempotencyKey is not null)
                {
                    items.Add(DynamoTable.Put(ChargeRecord(idempotencyKey, charges, now), $"{NotExists} OR #exp <= :now", new() { [":now"] = Av.Date(now) }));
                    items[^1].Put.ExpressionAttributeNames = new() { ["#exp"] = Attr.ExpiresAt };
                }

                var outcome = await _table.TransactAsync(items, cancellationToken).ConfigureAwait(false);
                if (outcome.Succeeded)
                {
                    return (true, new QuotaResult(QuotaOutcome.Charged));
                }

                if (idempotencyKey is not null && outcome.ConditionFailed(charges.Count))
                {
                    return (true, new QuotaResult(QuotaOutcome.AlreadyCharged));
                }

                var failed = Enumerable.Range(0, charges.Count).Where(outcome.ConditionFailed).ToList();
                if (failed.Count == 0)
                {
                    outcome.EnsureCommitted(outcome.Conflicted ? "Charging the quota" : "Charging the quota (unexpected)");
                    return (false, new QuotaResult(QuotaOutcome.Charged));
                }

                var cleared = false;
                foreach (var index in failed)
                {
                    cleared |= await ClearIfExpiredAsync(charges[index].Key, now, cancellationToken).ConfigureAwait(false);
                }

                return cleared ? (false, new QuotaResult(QuotaOutcome.Charged)) : (true, new QuotaResult(QuotaOutcome.Exceeded, failed[0]));
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> GetCounterAsync(string key, CancellationToken cancellationToken = default)
    {
        if (!IsUsableKey(key))
        {
            return 0;
        }

        var item = await _table.GetAsync(Keys.Counter(key), Keys.CounterSk, cancellationToken).ConfigureAwait(false);
        return item is null || IsExpired(item, _clock.GetUtcNow()) ? 0 : item.LongOrZero(Attr.Value);
    }

    public async Task<(long InboxBytes, long AccountBytes)> GetStoredBytesAsync(string accountId, string inboxId, CancellationToken cancellationToken = default)
    {
        if (!IsUsableKey(accountId) || !IsUsableKey(inboxId))
        {
            return (0, 0);
        }

        var found = await _table.BatchGetAsync([(Keys.Inbox(inboxId), Keys.BytesSk), (Keys.Account(accountId), Keys.BytesSk)], cancellationToken).ConfigureAwait(false);
        long Bytes(string pk) => found.TryGetValue(DynamoTable.KeyOf(pk, Keys.BytesSk), out var item) ? item.LongOrZero(Attr.Bytes) : 0;
        return (Bytes(Keys.Inbox(inboxId)), Bytes(Keys.Account(accountId)));
    }

    private static Update ChargeCounter(QuotaCharge charge, DateTimeOffset now) => new()
    {
        Key = Av.Key(Keys.Counter(charge.Key), Keys.CounterSk),
        UpdateExpression = "ADD #v :amount SET #exp = :exp, #ttl = :ttl",
        ConditionExpression = "(attribute_not_exists(#v) OR #v <= :max) AND (attribute_not_exists(#exp) OR #exp > :now)",
        ExpressionAttributeNames = new() { ["#v"] = Attr.Value, ["#exp"] = Attr.ExpiresAt, ["#ttl"] = Attr.Ttl },
        ExpressionAttributeValues = new()
        {
            [":amount"] = Av.N(charge.Amount),
            [":max"] = Av.N(charge.Limit - charge.Amount),
            [":exp"] = Av.Date(charge.ExpiresAt),
            [":ttl"] = Av.TtlOf(charge.ExpiresAt),
            [":now"] = Av.Date(now),
        },
    };

    /// <summary>The record of a charged idempotency key, kept as long as the longest-lived counter it charged.</summary>
    private static Item ChargeRecord(string idempotencyKey, IReadOnlyList<QuotaCharge> charges, DateTimeOffset now)
    {
        var expires = charges.Count == 0 ? now.AddDays(1) : charges.Max(c => c.ExpiresAt);
        var item = Av.Key(Keys.Charge(idempotencyKey), Keys.ChargeSk);
        item[Attr.ExpiresAt] = Av.Date(expires);
        item[Attr.Ttl] = Av.TtlOf(expires);
        return item;
    }

    private async Task<bool> ClearIfExpiredAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var item = await _table.GetAsync(Keys.Counter(key), Keys.CounterSk, cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return true;
        }

        if (!IsExpired(item, now))
        {
            return false;
        }

        var request = new DeleteItemRequest
        {
            TableName = _table.Name,
            Key = Av.Key(Keys.Counter(key), Keys.CounterSk),
            ConditionExpression = "#exp = :exp",
            ExpressionAttributeNames = new() { ["#exp"] = Attr.ExpiresAt },
            ExpressionAttributeValues = new() { [":exp"] = item[Attr.ExpiresAt] },
        };
        try
        {
            await DynamoTable.CallAsync(() => _table.Client.DeleteItemAsync(request, cancellationToken)).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // Someone charged the fresh bucket first; the retry sees it.
        }

        return true;
    }

    private static bool IsExpired(Item counter, DateTimeOffset now) => counter.DateOrNull(Attr.ExpiresAt) is { } expires && expires <= now;
}
