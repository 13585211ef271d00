namespace ServerlessMail.Core;

public enum RecipientOutcome
{
    Delivered,

    /// <summary>Not hosted, or no inbox takes it: nothing to deliver here (the SMTP edge refuses these at RCPT).</summary>
    Skipped,

    /// <summary>The inbox is over its stored-bytes quota; delivery will be retried.</summary>
    OverQuota,
}

public sealed record RecipientDelivery(string Recipient, RecipientOutcome Outcome, string? InboxId, string? MessageId);

/// <summary>What one delivery pass did, and the accepted record as it now stands.</summary>
public sealed record DeliveryResult(AcceptedMessage Accepted, IReadOnlyList<RecipientDelivery> Recipients);
