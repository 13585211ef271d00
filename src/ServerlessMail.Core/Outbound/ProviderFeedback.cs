namespace ServerlessMail.Core;

/// <summary>What a provider (SES) reported about a message it took.</summary>
public enum FeedbackKind
{
    /// <summary>The provider accepted the send call (SES <c>Send</c>): history only.</summary>
    Send,

    /// <summary>The receiving server took it: <c>sent → delivered</c>.</summary>
    Delivery,

    /// <summary>A hard bounce: <c>bounced</c>, and the recipients are suppressed.</summary>
    PermanentBounce,

    /// <summary>A soft bounce (mailbox full, a temporary refusal): history only, the provider has given up on it for now.</summary>
    TransientBounce,

    /// <summary>The recipient reported it as spam: <c>complained</c>, and the recipients are suppressed.</summary>
    Complaint,

    /// <summary>The provider refused to send it (a virus, say): <c>failed</c>.</summary>
    Reject,

    /// <summary>The provider is still trying: history only.</summary>
    DeliveryDelay,
}

/// <summary>
/// One provider event for one message. <paramref name="EventId"/> (the SNS message id) makes a repeated notification
/// a no-op; <paramref name="Recipients"/> are the addresses the event is about.
/// </summary>
public sealed record ProviderFeedback(
    string ProviderMessageId,
    string EventId,
    FeedbackKind Kind,
    IReadOnlyList<string> Recipients,
    string? Detail,
    DateTimeOffset At);

/// <summary>What applying one event did.</summary>
public enum FeedbackOutcome
{
    /// <summary>The record changed (status or history).</summary>
    Applied,

    /// <summary>The same event was applied before.</summary>
    Duplicate,

    /// <summary>No outbound record has that provider id (not ours, or sent before this store existed).</summary>
    Unknown,
}
