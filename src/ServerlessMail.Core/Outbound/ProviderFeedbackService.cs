namespace ServerlessMail.Core;

/// <summary>
/// Applies provider events (the SES configuration set's notifications) to OutboundEmail: a delivery moves
/// <c>sent → delivered</c>, a hard bounce to <c>bounced</c>, a complaint to <c>complained</c>, a reject to
/// <c>failed</c>; soft bounces, delays and sends are history entries. Hard bounces and complaints put the recipients
/// on the account's suppression list, which the send path then honours (<see cref="SuppressionService"/>).
/// </summary>
/// <remarks>
/// Each change is a conditional update from the status just read (retried on a lost race), so events for one message
/// arriving at once on several Lambda instances all land. A history entry names the event id, so a notification SNS
/// delivers twice changes nothing the second time. A later event never takes a status back: a delivery after a
/// bounce (another recipient of the same message) is history only.
/// </remarks>
public sealed class ProviderFeedbackService(IMailStore store, TimeProvider clock)
{
    private const int MaxRaces = 8;
    private readonly SuppressionService _suppressions = new(store, clock);

    public async Task<FeedbackOutcome> ApplyAsync(ProviderFeedback feedback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        ArgumentException.ThrowIfNullOrEmpty(feedback.ProviderMessageId);
        ArgumentException.ThrowIfNullOrEmpty(feedback.EventId);
        var marker = "[" + feedback.EventId + "]";
        for (var race = 0; race < MaxRaces; race++)
        {
            var outbound = await store.FindOutboundByProviderIdAsync(feedback.ProviderMessageId, cancellationToken).ConfigureAwait(false);
            if (outbound is null)
            {
                return FeedbackOutcome.Unknown;
            }

            if (outbound.History.Any(h => h.Detail?.Contains(marker, StringComparison.Ordinal) == true))
            {
                return FeedbackOutcome.Duplicate;
            }

            var status = Next(outbound.Status, feedback.Kind);
            var detail = Describe(feedback, marker);
            var updated = outbound with
            {
                Status = status,
                UpdatedAt = clock.GetUtcNow(),
                History = [.. outbound.History, new OutboundEvent(feedback.At, status, detail.Length <= 1_000 ? detail : detail[..1_000])],
            };
            if (await store.TryUpdateOutboundAsync(updated, outbound.Status, outbound.Attempts, cancellationToken).ConfigureAwait(false))
            {
                await SuppressAsync(outbound.AccountId, feedback, cancellationToken).ConfigureAwait(false);
                return FeedbackOutcome.Applied;
            }
        }

        throw new MailStoreException(MailStoreError.Conflict, "The outbound record kept changing while a provider event was applied; retry the event.");
    }

    /// <summary>The status after an event: only forward from <c>sent</c> or <c>delivered</c>, never back.</summary>
    public static OutboundStatus Next(OutboundStatus current, FeedbackKind kind) => (current, kind) switch
    {
        (OutboundStatus.Sent, FeedbackKind.Delivery) => OutboundStatus.Delivered,
        (OutboundStatus.Sent or OutboundStatus.Delivered, FeedbackKind.PermanentBounce) => OutboundStatus.Bounced,
        (OutboundStatus.Sent or OutboundStatus.Delivered or OutboundStatus.Bounced, FeedbackKind.Complaint) => OutboundStatus.Complained,
        (OutboundStatus.Sent, FeedbackKind.Reject) => OutboundStatus.Failed,
        _ => current,
    };

    private async Task SuppressAsync(string accountId, ProviderFeedback feedback, CancellationToken cancellationToken)
    {
        var reason = feedback.Kind switch
        {
            FeedbackKind.PermanentBounce => SuppressionReason.Bounce,
            FeedbackKind.Complaint => SuppressionReason.Complaint,
            _ => (SuppressionReason?)null,
        };
        if (reason is null)
        {
            return;
        }

        foreach (var recipient in feedback.Recipients)
        {
            try
            {
                await _suppressions.AddAsync(accountId, recipient, reason.Value, feedback.Detail, cancellationToken).ConfigureAwait(false);
            }
            catch (MailStoreException malformed) when (malformed.Error == MailStoreError.InvalidArgument)
            {
                // A provider address we cannot key (no @, too long) cannot be sent to by us either; nothing to suppress.
            }
        }
    }

    private static string Describe(ProviderFeedback feedback, string marker)
    {
        var who = feedback.Recipients.Count == 0 ? string.Empty : " " + string.Join(", ", feedback.Recipients);
        var what = feedback.Detail is null ? string.Empty : ": " + feedback.Detail;
        return $"ses {feedback.Kind}{who}{what} {marker}";
    }
}
