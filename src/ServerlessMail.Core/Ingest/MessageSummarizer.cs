using ServerlessMail.Mime;

namespace ServerlessMail.Core;

/// <summary>Parses a raw message once and derives what the store keeps: the summary and the structure.</summary>
public static class MessageSummarizer
{
    /// <summary>Preview length, in characters.</summary>
    public const int PreviewLength = 200;

    /// <summary>
    /// The stored structure must stay small (a DynamoDB item holds 400 KB), so storage parses with a tighter part
    /// budget than the default; a message past it keeps its first 1,000 parts addressable and the rest as one leaf.
    /// </summary>
    public static MimeParserOptions StorageOptions { get; } = new() { MaxParts = 1_000 };

    public static ParsedMail Parse(Stream seekableRaw)
    {
        ArgumentNullException.ThrowIfNull(seekableRaw);
        var message = MimeParser.Parse(seekableRaw, StorageOptions);
        return new ParsedMail(message, Summarize(message), MimeStructureCodec.Serialize(message));
    }

    public static MessageSummary Summarize(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new MessageSummary(
            message.Subject,
            Addresses(message.From),
            Addresses(message.To),
            Addresses(message.Cc),
            Addresses(message.Bcc),
            Addresses(message.ReplyTo),
            message.Date,
            message.MessageId,
            message.InReplyTo,
            message.References,
            message.Source is null ? string.Empty : message.GetPreview(PreviewLength),
            message.Attachments
                .Select(a => new AttachmentSummary(a.Id, a.FileName, a.SafeFileName, a.ContentType, a.Disposition, a.ContentId, a.EncodedSize))
                .ToList());
    }

    private static List<AddressSummary> Addresses(IReadOnlyList<InternetAddress> addresses) =>
        MimeMessage.Mailboxes(addresses).Select(m => new AddressSummary(m.Name, m.Address)).ToList();
}

/// <summary>A parsed message with its summary and its serialized structure.</summary>
public sealed record ParsedMail(MimeMessage Message, MessageSummary Summary, byte[] Structure);
