using ServerlessMail.Core;
using ServerlessMail.Storage.Local.Sqlite;

namespace ServerlessMail.Storage.Local;

public sealed partial class LocalMailStore
{
    /// <summary>
    /// Counter and idempotency keys are composed by the domain (an account id, a scope, a time bucket, a client key),
    /// so they get a generous bound rather than a client-value limit.
    /// </summary>
    private const int MaxQuotaKeyLength = 1024;

    private const int ExpiredRowsPerCharge = 16;

    private const string SelectCounter = "SELECT value FROM quota_counters WHERE key = $key AND expires_at > $now";
    private const string ChargeCounter = """
        INSERT INTO quota_counters (key, value, expires_at) VALUES ($key, $amount, $expiresAt)
        ON CONFLICT (key) DO UPDATE SET
            value = CASE WHEN expires_at > $now THEN value + $amount ELSE $amount END,
            expires_at = CASE WHEN expires_at > $now THEN max(expires_at, $expiresAt) ELSE $expiresAt END
        """;

    private const string ChargeSeen = "SELECT 1 FROM quota_charges WHERE idempotency_key = $key AND expires_at > $now";
    private const string RecordCharge = "INSERT OR REPLACE INTO quota_charges (idempotency_key, expires_at) VALUES ($key, $expiresAt)";

    // Expired rows are dropped a few at a time by the charges that pass them, so the tables stay small without a sweeper.
    private const string PruneCounters = """
        DELETE FROM quota_counters WHERE key IN (SELECT key FROM quota_counters WHERE expires_at <= $now LIMIT $limit);
        DELETE FROM quota_charges WHERE idempotency_key IN
            (SELECT idempotency_key FROM quota_charges WHERE expires_at <= $now LIMIT $limit)
        """;

    public Task<QuotaResult> TryChargeAsync(IReadOnlyList<QuotaCharge> charges, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(charges);
        return WriteAsync(
            session =>
            {
                Validate(charges, idempotencyKey);
                var now = _clock.GetUtcNow();
                if (idempotencyKey is not null && session.Command(ChargeSeen).Bind("$key", idempotencyKey).Bind("$now", now).QueryInt64() is not null)
                {
                    return new QuotaResult(QuotaOutcome.AlreadyCharged);
                }

                // Validate every counter before writing any, so a refusal charges nothing. A key named twice is
                // checked against the sum of its amounts.
                var pending = new Dictionary<string, long>(StringComparer.Ordinal);
                for (var i = 0; i < charges.Count; i++)
                {
                    var charge = charges[i];
                    var current = pending.TryGetValue(charge.Key, out var counted)
                        ? counted
                        : session.Command(SelectCounter).Bind("$key", charge.Key).Bind("$now", now).QueryInt64() ?? 0;
                    if (current + charge.Amount > charge.Limit)
                    {
                        return new QuotaResult(QuotaOutcome.Exceeded, i);
                    }

                    pending[charge.Key] = current + charge.Amount;
                }

                foreach (var charge in charges)
                {
                    session.Command(ChargeCounter)
                        .Bind("$key", charge.Key).Bind("$amount", charge.Amount).Bind("$expiresAt", charge.ExpiresAt).Bind("$now", now)
                        .ExecuteNonQuery();
                }

                if (idempotencyKey is not null)
                {
                    var expiresAt = charges.Count == 0 ? now.AddDays(1) : charges.Max(c => c.ExpiresAt);
                    session.Command(RecordCharge).Bind("$key", idempotencyKey).Bind("$expiresAt", expiresAt).ExecuteNonQuery();
                }

                session.Command(PruneCounters).Bind("$now", now).Bind("$limit", ExpiredRowsPerCharge).ExecuteNonQuery();
                return new QuotaResult(QuotaOutcome.Charged);
            },
            cancellationToken);
    }

    public Task<long> GetCounterAsync(string key, CancellationToken cancellationToken = default) =>
        ReadAsync(
            session => session.Command(SelectCounter).Bind("$key", key).Bind("$now", _clock.GetUtcNow()).QueryInt64() ?? 0,
            cancellationToken);

    private static void Validate(IReadOnlyList<QuotaCharge> charges, string? idempotencyKey)
    {
        if (idempotencyKey is { Length: > MaxQuotaKeyLength })
        {
            throw MailStoreException.TooLarge("The idempotency key", MaxQuotaKeyLength);
        }

        foreach (var charge in charges)
        {
            if (string.IsNullOrEmpty(charge.Key) || charge.Amount < 0)
            {
                throw StoreValidation.Invalid("A charge needs a counter key and an amount of zero or more.");
            }

            if (charge.Key.Length > MaxQuotaKeyLength)
            {
                throw MailStoreException.TooLarge("The counter key", MaxQuotaKeyLength);
            }
        }
    }
}
