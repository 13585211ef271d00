using ServerlessMail.Core;

namespace ServerlessMail.Api.Contracts;

internal sealed record SendAttachment(string FileName, string ContentType, string ContentBase64);

/// <summary>The message a send continues: <c>reply</c>, <c>replyAll</c> or <c>forward</c>.</summary>
internal sealed record SendReference(string MessageId, string Action);

internal sealed record SendRequest(
    IReadOnlyList<string>? To,
    IReadOnlyList<string>? Cc,
    IReadOnlyList<string>? Bcc,
    string? Subject,
    string? Text,
    string? Html,
    IReadOnlyList<SendAttachment>? Attachments,
    string? ReplyTo,
    IReadOnlyDictionary<string, string>? Headers,
    SendReference? Reference);

/// <summary><see cref="MessageId"/> is the id of the Sent copy (a message resource); the RFC 5322 Message-ID is beside it.</summary>
internal sealed record SendResponse(string OutboundId, string MessageId, string? MessageIdHeader, string Status);

internal sealed record OutboundEventBody(DateTimeOffset At, string Status, string? Detail);

internal sealed record OutboundBody(
    string Id,
    string InboxId,
    string SentMessageId,
    string? MessageIdHeader,
    string MailFrom,
    IReadOnlyList<string> Recipients,
    string Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<OutboundEventBody> History)
{
    public static OutboundBody Of(OutboundEmail outbound) => new(
        outbound.Id, outbound.InboxId, outbound.SentMessageId, outbound.MessageIdHeader, outbound.MailFrom, outbound.Recipients,
        JsonNames.Of(outbound.Status), outbound.Attempts, outbound.CreatedAt, outbound.UpdatedAt,
        outbound.History.Select(e => new OutboundEventBody(e.At, JsonNames.Of(e.Status), e.Detail)).ToList());
}
