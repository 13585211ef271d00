namespace ServerlessMail.Core;

/// <summary>Limits for an account or an inbox. Null means unlimited at that level.</summary>
public sealed record QuotaLimits(int? SendsPerDay, int? SendsPerMinute, long? StoredBytes)
{
    /// <summary>Defaults for a new account: generous for agents and tests, but not unlimited.</summary>
    public static QuotaLimits AccountDefault { get; } = new(SendsPerDay: 1_000, SendsPerMinute: 60, StoredBytes: 10L * 1024 * 1024 * 1024);

    /// <summary>An inbox adds no limits of its own beyond its account's unless given some.</summary>
    public static QuotaLimits Unlimited { get; } = new(null, null, null);
}
