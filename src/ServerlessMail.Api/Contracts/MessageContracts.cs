using ServerlessMail.Core;

namespace ServerlessMail.Api.Contracts;

/// <summary>A message in a listing: what the stored summary holds, without reading the raw message.</summary>
internal sealed record MessageSummaryBody(
    string Id,
    string InboxId,
    string FolderId,
    string ThreadId,
    string? Subject,
    IReadOnlyList<AddressBody> From,
    IReadOnlyList<AddressBody> To,
    IReadOnlyList<AddressBody> Cc,
    DateTimeOffset? Date,
    DateTimeOffset ReceivedAt,
    string Preview,
    IReadOnlyList<string> Flags,
    long Size,
    int AttachmentCount)
{
    public static MessageSummaryBody Of(StoredMessage message)
    {
        var summary = message.Summary;
        return new(
            message.Id, message.InboxId, message.FolderId, message.ThreadId, summary.Subject, AddressBody.Of(summary.From),
            AddressBody.Of(summary.To), AddressBody.Of(summary.Cc), summary.Date, message.InternalDate, summary.Preview,
            Messages.FlagNames.Of(message.Flags, message.Keywords), message.Size, summary.Attachments.Count);
    }
}

internal sealed record HeaderBody(string Name, string Value);

internal sealed record AttachmentBody(string Id, string? FileName, string SafeFileName, string ContentType, string Disposition, string? ContentId, long Size);

/// <summary>
/// A parsed message. <see cref="Text"/> and <see cref="Html"/> are cut at <c>maxTextBytes</c> UTF-8 octets (on a
/// character boundary), and the matching flag says so.
/// </summary>
internal sealed record MessageBody(
    string Id,
    string InboxId,
    string FolderId,
    string Folder,
    string ThreadId,
    uint Uid,
    string? Subject,
    string? MessageIdHeader,
    IReadOnlyList<string> InReplyTo,
    IReadOnlyList<string> References,
    IReadOnlyList<AddressBody> From,
    IReadOnlyList<AddressBody> To,
    IReadOnlyList<AddressBody> Cc,
    IReadOnlyList<AddressBody> Bcc,
    IReadOnlyList<AddressBody> ReplyTo,
    DateTimeOffset? Date,
    DateTimeOffset ReceivedAt,
    IReadOnlyList<string> Flags,
    long Size,
    IReadOnlyList<HeaderBody> Headers,
    bool HeadersTruncated,
    string? Text,
    bool TextTruncated,
    string? Html,
    bool HtmlTruncated,
    IReadOnlyList<AttachmentBody> Attachments);

/// <summary>Flags to add or remove (seen, answered, flagged, draft, deleted, or a keyword such as <c>$Label1</c>), and a folder to move to.</summary>
internal sealed record UpdateMessageRequest(IReadOnlyList<string>? AddFlags, IReadOnlyList<string>? RemoveFlags, string? Folder);

/// <summary>A thread: in a listing, its latest message in the folder; from <c>GET /v1/threads/{id}</c>, every message, oldest first.</summary>
internal sealed record ThreadBody(string ThreadId, string? Subject, DateTimeOffset LatestAt, IReadOnlyList<MessageSummaryBody> Messages);
