namespace ServerlessMail.Functions;

/// <summary>
/// An SES event inside an SNS message: <c>eventType</c> for configuration-set event publishing,
/// <c>notificationType</c> for identity feedback notifications (same bodies otherwise).
/// </summary>
internal sealed record SesNotification(
    string? EventType,
    string? NotificationType,
    SesMail? Mail,
    SesDelivery? Delivery,
    SesBounce? Bounce,
    SesComplaint? Complaint,
    SesReject? Reject,
    SesDeliveryDelay? DeliveryDelay)
{
    public string? Kind => EventType ?? NotificationType;
}

internal sealed record SesMail(string? MessageId, DateTimeOffset? Timestamp, string? Source, IReadOnlyList<string>? Destination);

internal sealed record SesDelivery(DateTimeOffset? Timestamp, IReadOnlyList<string>? Recipients, string? SmtpResponse);

internal sealed record SesBounce(string? BounceType, string? BounceSubType, IReadOnlyList<SesRecipient>? BouncedRecipients, DateTimeOffset? Timestamp, string? FeedbackId);

internal sealed record SesComplaint(IReadOnlyList<SesRecipient>? ComplainedRecipients, string? ComplaintFeedbackType, DateTimeOffset? Timestamp, string? FeedbackId);

internal sealed record SesReject(string? Reason);

internal sealed record SesDeliveryDelay(string? DelayType, IReadOnlyList<SesRecipient>? DelayedRecipients, DateTimeOffset? Timestamp);

internal sealed record SesRecipient(string? EmailAddress, string? Status, string? Action, string? DiagnosticCode);
