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

    // Used when a structure does not fit ModelLimits.StructureBytes even with StorageOptions.
    private static readonly MimeParserOptions FallbackOptions = new() { MaxParts = 100, MaxDepth = 16 };

    public static ParsedMail Parse(Stream seekableRaw)
    {
        ArgumentNullException.ThrowIfNull(seekableRaw);
        var start = seekableRaw.Position;
        var message = MimeParser.Parse(seekableRaw, StorageOptions);
        var structure = MimeStructureCodec.Serialize(message);
        if (structure.Length > ModelLimits.StructureBytes)
        {
            seekableRaw.Position = start;
            message = MimeParser.Parse(seekableRaw, FallbackOptions);
            structure = MimeStructureCodec.Serialize(message);
        }

        return new ParsedMail(message, Summarize(message), structure);
    }

    public static MessageSummary Summarize(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new MessageSummary(
            Cut(message.Subject, ModelLimits.Subject),
            Addresses(message.From),
            Addresses(message.To),
            Addresses(message.Cc),
            Addresses(message.Bcc),
            Addresses(message.ReplyTo),
            message.Date,
            Cut(message.MessageId, ModelLimits.Subject),
            message.InReplyTo.Take(ModelLimits.References).ToList(),
            KeepEnds(message.References, ModelLimits.References),
            message.Source is null ? string.Empty : message.GetPreview(PreviewLength),
            message.Attachments
                .Take(ModelLimits.Attachments)
                .Select(a => new AttachmentSummary(a.Id, Cut(a.FileName, 255), a.SafeFileName, a.ContentType, a.Disposition, Cut(a.ContentId, 255), a.EncodedSize))
                .ToList());
    }

    private static List<AddressSummary> Addresses(IReadOnlyList<InternetAddress> addresses) =>
        MimeMessage.Mailboxes(addresses)
            .Take(ModelLimits.AddressesPerField)
            .Select(m => new AddressSummary(Cut(m.Name, ModelLimits.DisplayName), Cut(m.Address, 320)!))
            .ToList();

    private static string? Cut(string? value, int max) => value is null || value.Length <= max ? value : value[..max];

    /// <summary>The thread root and the most recent references matter; the middle of a long chain does not.</summary>
    private static List<string> KeepEnds(IReadOnlyList<string> ids, int max) =>
        ids.Count <= max ? ids.ToList() : ids.Take(1).Concat(ids.Skip(ids.Count - (max - 1))).ToList();
}

/// <summary>A parsed message with its summary and its serialized structure.</summary>
public sealed record ParsedMail(MimeMessage Message, MessageSummary Summary, byte[] Structure);
