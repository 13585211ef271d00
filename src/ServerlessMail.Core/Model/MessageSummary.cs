namespace ServerlessMail.Core;

/// <summary>A mailbox as shown in listings: the decoded display name and the address.</summary>
public sealed record AddressSummary(string? Name, string Address);

/// <summary>An attachment or inline part; <see cref="Id"/> is its IMAP part number.</summary>
public sealed record AttachmentSummary(
    string Id,
    string? FileName,
    string SafeFileName,
    string ContentType,
    string Disposition,
    string? ContentId,
    long EncodedSize);

/// <summary>What listings and searches need, computed once at delivery from the parsed message.</summary>
public sealed record MessageSummary(
    string? Subject,
    IReadOnlyList<AddressSummary> From,
    IReadOnlyList<AddressSummary> To,
    IReadOnlyList<AddressSummary> Cc,
    IReadOnlyList<AddressSummary> Bcc,
    IReadOnlyList<AddressSummary> ReplyTo,
    DateTimeOffset? Date,
    string? MessageIdHeader,
    IReadOnlyList<string> InReplyTo,
    IReadOnlyList<string> References,
    string Preview,
    IReadOnlyList<AttachmentSummary> Attachments);
