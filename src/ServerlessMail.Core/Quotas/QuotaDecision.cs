using System.Globalization;

namespace ServerlessMail.Core;

public enum QuotaLimitKind
{
    SendsPerDay,
    SendsPerMinute,
    StoredBytes,
}

/// <summary>
/// Whether a send may go ahead; when not, which limit was hit, at which scope, and when it resets. SMTP and REST word
/// their refusals from this, so both say the same thing.
/// </summary>
public sealed record QuotaDecision(bool Allowed, QuotaLimitKind? Limit = null, string? Scope = null, long? LimitValue = null, DateTimeOffset? ResetAt = null)
{
    public static QuotaDecision Allow { get; } = new(true);

    public string Describe() => (Allowed, Limit) switch
    {
        (true, _) => "allowed",

        // Stored bytes have no window to wait for: room comes back only when mail is deleted.
        (_, QuotaLimitKind.StoredBytes) => string.Create(CultureInfo.InvariantCulture, $"the mailbox is over its storage quota ({Scope} limit of {LimitValue} {Unit}); delete mail to make room"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Scope} limit of {LimitValue} {Unit} reached; resets at {ResetAt?.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}"),
    };

    private string Unit => Limit switch
    {
        QuotaLimitKind.SendsPerDay => "recipients per day",
        QuotaLimitKind.SendsPerMinute => "messages per minute",
        _ => "bytes stored",
    };
}
