namespace ServerlessMail.Core;

public interface IOutboundStore
{
    /// <summary>
    /// Records a queued outbound message. With an idempotency key the account already used, stores nothing and
    /// returns the existing record.
    /// </summary>
    Task<OutboundEmail> CreateOutboundAsync(OutboundEmail outbound, CancellationToken cancellationToken = default);

    Task<OutboundEmail?> GetOutboundAsync(string outboundId, CancellationToken cancellationToken = default);

    Task<OutboundEmail?> FindOutboundByProviderIdAsync(string providerMessageId, CancellationToken cancellationToken = default);

    /// <summary>An inbox's outbound messages, newest first.</summary>
    Task<Page<OutboundEmail>> ListOutboundAsync(string inboxId, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the record only if its stored status is still <paramref name="expected"/> and, when
    /// <paramref name="expectedAttempts"/> is given, its stored <see cref="OutboundEmail.Attempts"/> is still that;
    /// false when another writer changed it first. This is what keeps a message from being sent twice. Every claim
    /// counts an attempt, so <c>(sending, attempts)</c> names one claim: a worker taking over an expired claim, or
    /// recording the outcome of its own, expects both, and loses to a worker that took the claim over first.
    /// </summary>
    Task<bool> TryUpdateOutboundAsync(OutboundEmail updated, OutboundStatus expected, int? expectedAttempts = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Messages whose <see cref="OutboundEmail.NextAttemptAt"/> is at or before <paramref name="now"/>, oldest first:
    /// <c>queued</c> ones due for an attempt, and <c>sending</c> ones whose claim lease has expired (for those,
    /// NextAttemptAt is the end of the lease the claiming worker set), so a message whose worker died mid-attempt is
    /// picked up again rather than left in <c>sending</c> forever. Records in any other status are never listed.
    /// </summary>
    Task<IReadOnlyList<OutboundEmail>> ListDueOutboundAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);
}
