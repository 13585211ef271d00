using System.Text.Json;
using ServerlessMail.Core;

namespace ServerlessMail.Functions;

/// <summary>
/// SNS notifications from the SES configuration set (Send, Delivery, Bounce, Complaint, Reject, DeliveryDelay) →
/// <see cref="ProviderFeedbackService.ApplyAsync"/>, which moves the OutboundEmail's status and suppresses hard-bounced
/// and complaining recipients. SNS invokes Lambda asynchronously (no partial-batch answer): a failed record makes the
/// handler throw after the others were applied, and repeats are no-ops (each history entry names its SNS message id).
/// A notification of another kind (an SNS subscription confirmation, an SES event we do not track such as Open) is
/// skipped; one whose message id names no record of ours is skipped too.
/// </summary>
public sealed class SesEventsFunction : LambdaFunction
{
    public SesEventsFunction()
        : base(null)
    {
    }

    public SesEventsFunction(FunctionHost host)
        : base(host ?? throw new ArgumentNullException(nameof(host)))
    {
    }

    public override async Task<Stream> HandleAsync(Stream input)
    {
        var snsEvent = await FunctionJson.ReadAsync(input, FunctionJsonContext.Default.SnsEvent, CancellationToken.None).ConfigureAwait(false);
        var host = await HostAsync().ConfigureAwait(false);
        var feedback = new List<ProviderFeedback>();
        foreach (var record in snsEvent.Records ?? throw new InvalidEventException("The SNS event has no Records."))
        {
            if (record.Sns is { MessageId: { Length: > 0 } id, Message: { Length: > 0 } message } sns && ToFeedback(id, message, sns.Timestamp ?? host.Clock.GetUtcNow()) is { } item)
            {
                feedback.Add(item);
            }
        }

        var byId = feedback.ToDictionary(f => f.EventId, StringComparer.Ordinal);
        var response = await S3Records.EachAsync(byId.Keys, id => host.Feedback.ApplyAsync(byId[id])).ConfigureAwait(false);
        return FunctionJson.Write(response, FunctionJsonContext.Default.BatchResponse);
    }

    /// <summary>The Core event an SES notification stands for, or null for one we do not track.</summary>
    internal static ProviderFeedback? ToFeedback(string eventId, string message, DateTimeOffset at)
    {
        SesNotification? ses;
        try
        {
            ses = JsonSerializer.Deserialize(message, FunctionJsonContext.Default.SesNotification);
        }
        catch (JsonException exception)
        {
            throw new InvalidEventException($"SNS message {eventId} is not an SES notification: {exception.Message}", exception);
        }

        if (ses?.Mail?.MessageId is not { Length: > 0 } providerId)
        {
            return null;
        }

        var destination = ses.Mail.Destination ?? [];
        return ses.Kind switch
        {
            "Send" => new(providerId, eventId, FeedbackKind.Send, destination, null, ses.Mail.Timestamp ?? at),
            "Delivery" => new(providerId, eventId, FeedbackKind.Delivery, ses.Delivery?.Recipients ?? destination, ses.Delivery?.SmtpResponse, ses.Delivery?.Timestamp ?? at),
            "Bounce" => new(
                providerId, eventId, ses.Bounce?.BounceType == "Permanent" ? FeedbackKind.PermanentBounce : FeedbackKind.TransientBounce,
                Addresses(ses.Bounce?.BouncedRecipients), Bounced(ses.Bounce), ses.Bounce?.Timestamp ?? at),
            "Complaint" => new(
                providerId, eventId, FeedbackKind.Complaint, Addresses(ses.Complaint?.ComplainedRecipients),
                ses.Complaint?.ComplaintFeedbackType is { } type ? "feedback type " + type : null, ses.Complaint?.Timestamp ?? at),
            "Reject" => new(providerId, eventId, FeedbackKind.Reject, destination, ses.Reject?.Reason, at),
            "DeliveryDelay" => new(
                providerId, eventId, FeedbackKind.DeliveryDelay, Addresses(ses.DeliveryDelay?.DelayedRecipients), ses.DeliveryDelay?.DelayType, ses.DeliveryDelay?.Timestamp ?? at),
            _ => null,
        };
    }

    private static List<string> Addresses(IReadOnlyList<SesRecipient>? recipients) =>
        (recipients ?? []).Select(r => r.EmailAddress).OfType<string>().Where(a => a.Length > 0).ToList();

    private static string? Bounced(SesBounce? bounce)
    {
        if (bounce is null)
        {
            return null;
        }

        var diagnostic = bounce.BouncedRecipients?.Select(r => r.DiagnosticCode ?? r.Status).FirstOrDefault(d => d is not null);
        return $"{bounce.BounceType}/{bounce.BounceSubType}" + (diagnostic is null ? string.Empty : " " + diagnostic);
    }
}
