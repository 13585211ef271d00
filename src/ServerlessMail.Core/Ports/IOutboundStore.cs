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
    /// Replaces the record only if its stored status is still <paramref name="expected"/>; false when another writer
    /// changed it first. This is what keeps a message from being sent twice.
    /// </summary>
    Task<bool> TryUpdateOutboundAsync(OutboundEmail updated, OutboundStatus expected, CancellationToken cancellationToken = default);

    /// <summary>Queued messages whose next attempt is due, oldest first.</summary>
    Task<IReadOnlyList<OutboundEmail>> ListDueOutboundAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);
}
