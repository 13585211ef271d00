namespace ServerlessMail.Core;

/// <summary>The life of an outbound message: queued → sending → sent → delivered / bounced / complained, or failed.</summary>
public enum OutboundStatus
{
    Queued,
    Sending,
    Sent,
    Delivered,
    Bounced,
    Complained,
    Failed,
}

/// <summary>One step of an outbound message's history, with the remote reply or provider detail when there is one.</summary>
public sealed record OutboundEvent(DateTimeOffset At, OutboundStatus Status, string? Detail);

/// <summary>
/// An outbound message: its raw form in <see cref="BlobKey"/>, its Sent-folder copy <see cref="SentMessageId"/>, and
/// its delivery status. Status changes are conditional on the current status, so two relays can never both send it.
/// <see cref="NextAttemptAt"/> is when a queued message is next due, and for a message in <c>sending</c> the end of
/// the claiming worker's lease (<see cref="RelayOptions.ClaimLease"/>).
/// </summary>
public sealed record OutboundEmail(
    string Id,
    string AccountId,
    string InboxId,
    string SentMessageId,
    string? MessageIdHeader,
    string BlobKey,
    string MailFrom,
    IReadOnlyList<string> Recipients,
    OutboundStatus Status,
    string? ProviderMessageId,
    IReadOnlyList<OutboundEvent> History,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? IdempotencyKey);
